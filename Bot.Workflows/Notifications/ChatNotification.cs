using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Workflows.Notifications;

/// <summary>One thing to tell people, with the request as it is now.</summary>
/// <param name="Id">Stable across retries (the outbox row id): the de-duplication key for adapters.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Request">The request re-read at delivery time, or null for notices about no request (digest, checkpoint).</param>
/// <param name="Audience">Who should see it.</param>
/// <param name="Text">Text already rendered from a template for this platform (the digest, real-time alerts), or the plain
/// text of a notification queued before notices were typed; adapters send it as plain text.</param>
/// <param name="Notice">Typed facts the adapter words with its own template (manual tasks, failures, checkpoints).</param>
public sealed record ChatNotification(
    long Id,
    NotificationKind Kind,
    RequestSnapshot? Request,
    NotificationAudience Audience,
    string? Text = null,
    Notice? Notice = null);

public enum NotificationKind
{
    /// <summary>A step is waiting: post the approval message with Approve / Deny.</summary>
    ApprovalRequested,
    /// <summary>The request changed (decision, grant, expiry…): update every posted copy of its approval message.</summary>
    RequestChanged,
    /// <summary>Tell the requester about a state change (DM).</summary>
    RequesterUpdate,
    /// <summary>A step waited too long; the escalation group is told.</summary>
    Escalated,
    /// <summary>The grant expires soon: offer Extend and Release.</summary>
    ExpiringSoon,
    /// <summary>Break-glass used: skipped approvers and the security channel are told at once.</summary>
    BreakGlass,
    /// <summary>A person must grant or revoke by hand (manual provisioner).</summary>
    ManualAction,
    /// <summary>Something the security channel should see now.</summary>
    SecurityAlert,
}

/// <summary>Who a notification is for: people (by email) and/or named policy channels.</summary>
public sealed record NotificationAudience(IReadOnlyList<string> Emails, IReadOnlyList<string> Channels)
{
    public static NotificationAudience People(params string[] emails) => new(emails, []);
    public static NotificationAudience Channel(params string[] channels) => new([], channels);
}
