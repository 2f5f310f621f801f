namespace AccessBot.Workflows.AccessRequests;

/// <summary>
/// Lifecycle: Pending(step k of n) → Approved → Active → Expired | Revoked;
/// Pending → Denied | Cancelled | TimedOut; provisioning failure → Failed.
/// </summary>
public enum RequestState
{
    Pending,
    Approved,
    Active,
    Expired,
    Revoked,
    Denied,
    Cancelled,
    TimedOut,
    Failed,
}

public static class RequestStates
{
    /// <summary>The spelling stored in <c>access_requests.state</c>.</summary>
    public static string ToDb(this RequestState state) => state switch
    {
        RequestState.Pending => "pending",
        RequestState.Approved => "approved",
        RequestState.Active => "active",
        RequestState.Expired => "expired",
        RequestState.Revoked => "revoked",
        RequestState.Denied => "denied",
        RequestState.Cancelled => "cancelled",
        RequestState.TimedOut => "timed_out",
        RequestState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static RequestState FromDb(string value) => TryParse(value, out var state)
        ? state
        : throw new InvalidOperationException($"Unknown request state '{value}' in the database.");

    /// <summary>Accepts the stored spelling and the enum name, case-insensitively (CLI filters).</summary>
    public static bool TryParse(string? value, out RequestState state)
    {
        foreach (var candidate in Enum.GetValues<RequestState>())
        {
            if (string.Equals(candidate.ToDb(), value, StringComparison.OrdinalIgnoreCase)
                || string.Equals(candidate.ToString(), value, StringComparison.OrdinalIgnoreCase))
            {
                state = candidate;
                return true;
            }
        }
        state = default;
        return false;
    }

    /// <summary>A request in one of these states never changes again.</summary>
    public static bool IsFinal(this RequestState state) =>
        state is RequestState.Expired or RequestState.Revoked or RequestState.Denied
            or RequestState.Cancelled or RequestState.TimedOut or RequestState.Failed;
}
