namespace AccessBot.Adapters.Teams.Connector;

/// <summary>
/// Retries an idempotent connector call that was throttled (429/412/502/504) after its Retry-After, or a growing pause,
/// a few times. Only for work outside a durable job (replies, card refreshes); jobs let Hangfire retry instead.
/// </summary>
public static class TransientRetry
{
    private const int Attempts = 3;
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(20);

    public static async Task<T> RunAsync<T>(Func<Task<T>> call, TimeProvider time, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (ConnectorTransientException e) when (attempt < Attempts)
            {
                var pause = e.RetryAfter ?? TimeSpan.FromSeconds(2 * attempt);
                await Task.Delay(pause < MaxPause ? pause : MaxPause, time, ct);
            }
        }
    }
}
