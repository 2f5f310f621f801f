using System.Globalization;
using AccessBot.Workflows.Policy;

namespace AccessBot.Adapters.Teams.Handling;

/// <summary>Durations and times as the Teams adapter shows and reads them; the syntax is the policy file's (<see cref="DurationText"/>).</summary>
public static class ChatDuration
{
    /// <summary>Like <see cref="DurationText.TryParse"/>, but a request for no time at all is not a duration.</summary>
    public static bool TryParse(string? text, out TimeSpan duration) => DurationText.TryParse(text, out duration) && duration > TimeSpan.Zero;

    public static string Format(TimeSpan duration) => DurationText.Format(duration);

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
