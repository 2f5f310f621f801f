using Hangfire.Server;

namespace AccessBot.Host.Jobs;

/// <summary>
/// Completes once this process's Hangfire server has announced itself in storage: Hangfire starts its background
/// processes only after the announcement, and this is one of them.
/// </summary>
public sealed class HangfireServerStartedSignal : IBackgroundProcess
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

    public void Execute(BackgroundProcessContext context)
    {
        _started.TrySetResult();
        // Hangfire calls Execute in a loop; park until shutdown instead of spinning.
        context.StoppingToken.WaitHandle.WaitOne();
    }
}
