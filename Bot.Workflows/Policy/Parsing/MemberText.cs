using System.Text.RegularExpressions;

namespace AccessBot.Workflows.Policy.Parsing;

/// <summary>Reads one group member: an email address, or <c>platform:user-id</c>.</summary>
internal static partial class MemberText
{
    public static MemberRef? TryParse(string text, out string? error)
    {
        error = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            if (EmailPattern().IsMatch(text)) return new MemberRef(MemberKind.Email, text);
            error = $"{PolicyReadContext.Quote(text)} is not an email address or {Prefixes} user id";
            return null;
        }

        var prefix = text[..colon];
        var id = text[(colon + 1)..];
        if (!PolicyNames.Platforms.TryGetValue(prefix, out var kind))
        {
            error = $"{PolicyReadContext.Quote(text)}: unknown prefix {PolicyReadContext.Quote(prefix)} (use an email address or {Prefixes})";
            return null;
        }

        switch (kind)
        {
            // Chat user ids: an upper-case U or W and letters/digits.
            case MemberKind.SlackUser when ChatUserIdPattern().IsMatch(id):
                return new MemberRef(kind, id);
            case MemberKind.SlackUser:
                error = $"{PolicyReadContext.Quote(text)}: the user id must look like U0123ABCD or W0123ABCD";
                return null;
            // Directory object ids are GUIDs.
            case MemberKind.TeamsUser when Guid.TryParseExact(id, "D", out var objectId):
                return new MemberRef(kind, objectId.ToString("D"));
            case MemberKind.TeamsUser:
                error = $"{PolicyReadContext.Quote(text)}: the user id must be a directory object id (a GUID such as 6b0c1f2e-0000-4000-8000-00000000aad1)";
                return null;
            default:
                error = $"{PolicyReadContext.Quote(text)} is not a supported member kind";
                return null;
        }
    }

    private static string Prefixes => string.Join(" or ", PolicyNames.Platforms.Keys.Order(StringComparer.Ordinal).Select(p => $"{p}:ID"));

    // Deliberately plain: one '@', no spaces, a dot in the domain. The platforms verify the address; this catches typos.
    [GeneratedRegex(@"^[^@\s:]+@[^@\s]+\.[^@\s.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex("^[UW][A-Z0-9]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex ChatUserIdPattern();
}
