namespace AccessBot.Workflows.Identity;

/// <summary>
/// A person, keyed by the email of a verified platform profile. Group membership and "is this the requester?"
/// are decided on principals, so the same person on two platforms is one principal.
/// </summary>
public sealed record Principal(
    PrincipalId Id,
    string Email,
    string DisplayName,
    string? SlackUserId = null,
    string? TeamsAadObjectId = null);
