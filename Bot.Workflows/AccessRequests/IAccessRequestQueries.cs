using AccessBot.Workflows.Identity;

namespace AccessBot.Workflows.AccessRequests;

/// <summary>Read side: what chat "list" / "pending" and the CLI "request list/show" print.</summary>
public interface IAccessRequestQueries
{
    Task<RequestSnapshot?> GetAsync(RequestId id, CancellationToken ct);

    /// <summary>Newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<RequestSnapshot>> ListAsync(RequestFilter filter, int limit, CancellationToken ct);

    /// <summary>Pending requests whose current step this person may decide now (never their own).</summary>
    Task<IReadOnlyList<RequestSnapshot>> PendingForApproverAsync(Principal approver, CancellationToken ct);

    /// <summary>The request's audit trail, oldest first.</summary>
    Task<IReadOnlyList<Audit.AuditEvent>> AuditTrailAsync(RequestId id, CancellationToken ct);
}

/// <summary>All filters optional; combined with AND.</summary>
public sealed record RequestFilter(RequestState? State = null, PrincipalId? Requester = null, string? Resource = null);
