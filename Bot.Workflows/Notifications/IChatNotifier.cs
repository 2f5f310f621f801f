namespace AccessBot.Workflows.Notifications;

/// <summary>
/// Everything the engine needs from a chat platform. One implementation per platform lives in Bot.Adapters; the host
/// registers those that are configured (and a logging one when none is).
/// </summary>
/// <remarks>
/// Called from a delivery job that runs at least once: an implementation must tolerate being called twice with the same
/// <see cref="ChatNotification.Id"/> (post once, update idempotently). Transient platform failures throw, and the job retries.
/// </remarks>
public interface IChatNotifier
{
    /// <summary>Routing key only: the adapter's name, or "log".</summary>
    string Platform { get; }

    Task DeliverAsync(ChatNotification notification, CancellationToken ct);
}
