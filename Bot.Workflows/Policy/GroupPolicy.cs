namespace AccessBot.Workflows.Policy;

using AccessBot.Workflows.Identity;

/// <summary>A named set of people, listed by email or by a chat platform's user id.</summary>
public sealed record GroupPolicy(string Name, IReadOnlyList<MemberRef> Members)
{
    /// <summary>True when any of the principal's identities is listed. Emails compare case-insensitively.</summary>
    public bool Contains(Principal principal) => Members.Any(m => m.Matches(principal));
}

public enum MemberKind
{
    Email,
    SlackUser,
    TeamsUser,
}

public sealed record MemberRef(MemberKind Kind, string Value)
{
    public bool Matches(Principal principal) => Kind switch
    {
        MemberKind.Email => string.Equals(Value, principal.Email, StringComparison.OrdinalIgnoreCase),
        MemberKind.SlackUser => principal.SlackUserId is { } userId && string.Equals(Value, userId, StringComparison.Ordinal),
        MemberKind.TeamsUser => principal.TeamsAadObjectId is { } aad && string.Equals(Value, aad, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
