using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace AccessBot.Tests.Integration.Provisioning;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports every timer the code under test creates, so a test can wait until a
/// back-off or time-out is actually armed before it moves the clock (no sleeping, no polling).
/// </summary>
public sealed class ObservableTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly FakeTimeProvider _clock = new(start);
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override DateTimeOffset GetUtcNow() => _clock.GetUtcNow();

    public override long GetTimestamp() => _clock.GetTimestamp();

    public override long TimestampFrequency => _clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _clock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _clock.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    public void Advance(TimeSpan by) => _clock.Advance(by);

    /// <summary>Waits (10 s at most) until a timer with this due time has been created; timers with other due times are skipped.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await _timers.Reader.ReadAsync(timeout.Token) != dueTime)
        {
        }
    }
}
