namespace AccessBot.Workflows.Identity;

/// <summary>
/// Principals by email, the identity every platform verifies. Adapters resolve a platform user to an email through the
/// platform's verified profile and then call <see cref="LinkAsync"/>, which stores the mapping.
/// </summary>
public interface IPrincipalDirectory
{
    /// <summary>Find or create the principal with this email (case-insensitive); updates the display name.</summary>
    Task<Principal> ResolveByEmailAsync(string email, string displayName, CancellationToken ct);

    /// <summary>Find or create by email and attach a chat platform's user id (<see cref="PlatformIdentity"/>).</summary>
    Task<Principal> LinkAsync(string email, string displayName, PlatformIdentity identity, CancellationToken ct);

    /// <summary>The principal linked to a platform identity, or null when it was never resolved.</summary>
    Task<Principal?> FindAsync(PlatformIdentity identity, CancellationToken ct);

    Task<Principal?> FindByEmailAsync(string email, CancellationToken ct);
}

/// <summary>A user id on one chat platform; <see cref="Platform"/> is the adapter's name (<see cref="Notifications.IChatNotifier.Platform"/>).</summary>
public sealed record PlatformIdentity(string Platform, string UserId);
