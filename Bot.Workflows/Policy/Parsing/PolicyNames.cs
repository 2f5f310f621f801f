using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace AccessBot.Workflows.Policy.Parsing;

/// <summary>Rules for the names the file defines and the platform prefixes it may use.</summary>
internal static partial class PolicyNames
{
    /// <summary>
    /// Platform prefixes (<c>prefix:id</c> members, channel address keys), derived from <see cref="MemberKind"/> so that
    /// the engine spells platform names in one place only: the model.
    /// </summary>
    public static readonly FrozenDictionary<string, MemberKind> Platforms = Enum.GetValues<MemberKind>()
        .Where(kind => kind != MemberKind.Email)
        .ToFrozenDictionary(kind => kind.ToString()[..^"User".Length].ToLowerInvariant(), StringComparer.Ordinal);

    public static string PlatformList => string.Join(" or ", Platforms.Keys.Order(StringComparer.Ordinal));

    /// <summary>
    /// Names are typed in chat commands and shown in messages, so they are kept to lower-case letters, digits, '-' and
    /// '_': nothing a chat markup or a shell could read as syntax.
    /// </summary>
    public static bool IsValid(string name) => NamePattern().IsMatch(name);

    public const string NameRule = "use lower-case letters, digits, '-' and '_', starting with a letter or digit (at most 63)";

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
