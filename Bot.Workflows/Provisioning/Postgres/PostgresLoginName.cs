using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace AccessBot.Workflows.Provisioning.Postgres;

/// <summary>
/// The database login name AccessBot uses for a principal: a pure function of the email, made only of <c>[a-z0-9_]</c>,
/// so it can never carry SQL or confuse a reader, and it is always quoted when it reaches SQL anyway.
/// </summary>
/// <remarks>
/// <para>Rule (version 1), applied to the email trimmed, NFC-normalised and lower-cased (invariant culture), split at its last <c>@</c>:</para>
/// <list type="number">
/// <item>Every character of the local part and of the domain outside <c>[a-z0-9]</c> becomes <c>_</c>
/// (so the domain's dots become <c>_</c>).</item>
/// <item>The name is <c>ab_</c> + local part + <c>__</c> + domain: <c>alice@example.com</c> → <c>ab_alice__example_com</c>.</item>
/// <item>When the local part has anything but <c>[a-z0-9]</c>, or the domain anything but <c>[a-z0-9]</c> labels joined by single
/// dots, or the name would exceed 63 bytes (PostgreSQL's <c>NAMEDATALEN</c> − 1), the body is cut to fit and <c>___</c> plus the
/// first 8 hex digits of SHA-256 over the normalised email are appended:
/// <c>alice.smith@example.com</c> → <c>ab_alice_smith__example_com___</c> + 8 hex digits.</item>
/// </list>
/// <para>Names without a hash suffix never contain <c>___</c> and map back to exactly one email (<see cref="TryGetEmail"/>);
/// names with one identify the email only up to the 32-bit hash, which is why AccessBot also records the email in the
/// comment of the login roles it creates.</para>
/// </remarks>
public static class PostgresLoginName
{
    public const string Prefix = "ab_";

    /// <summary>PostgreSQL silently truncates identifiers longer than this many bytes.</summary>
    public const int MaxBytes = 63;

    private const string DomainSeparator = "__";
    private const string HashSeparator = "___";
    private const int HashHexDigits = 8;

    /// <summary>The login name for <paramref name="email"/>.</summary>
    /// <exception cref="ArgumentException">The text is not of the form <c>local@domain</c>.</exception>
    public static string For(string email)
    {
        var normalized = Normalize(email);
        var at = normalized.LastIndexOf('@');
        if (at <= 0 || at == normalized.Length - 1)
            throw new ArgumentException("The principal's email is not of the form local@domain.", nameof(email));

        var local = normalized[..at];
        var domain = normalized[(at + 1)..];
        var body = Map(local) + DomainSeparator + Map(domain);
        var plain = IsAlphanumeric(local) && IsPlainDomain(domain);
        if (plain && Prefix.Length + body.Length <= MaxBytes) return Prefix + body;

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)))[..HashHexDigits];
        var room = MaxBytes - Prefix.Length - HashSeparator.Length - HashHexDigits;
        return Prefix + body[..Math.Min(body.Length, room)] + HashSeparator + hash;
    }

    /// <summary>True when <paramref name="email"/> can be turned into a login name.</summary>
    public static bool IsValidEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return false;
        var normalized = Normalize(email);
        var at = normalized.LastIndexOf('@');
        return at > 0 && at < normalized.Length - 1;
    }

    /// <summary>The email a name without hash suffix stands for; false for hashed names and names outside the rule.</summary>
    public static bool TryGetEmail(string loginName, [NotNullWhen(true)] out string? email)
    {
        email = null;
        if (!loginName.StartsWith(Prefix, StringComparison.Ordinal) || loginName.Contains(HashSeparator, StringComparison.Ordinal))
            return false;
        var body = loginName[Prefix.Length..];
        var split = body.IndexOf(DomainSeparator, StringComparison.Ordinal);
        if (split <= 0) return false;
        var candidate = body[..split] + "@" + body[(split + DomainSeparator.Length)..].Replace('_', '.');
        if (!IsValidEmail(candidate) || For(candidate) != loginName) return false;
        email = candidate;
        return true;
    }

    /// <summary>True when <paramref name="loginName"/> is the name the rule gives <paramref name="email"/>.</summary>
    public static bool Matches(string loginName, string email) => IsValidEmail(email) && For(email) == loginName;

    private static string Normalize(string email) =>
        email.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();

    private static bool IsAsciiAlphanumeric(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';

    private static bool IsAlphanumeric(string text) => text.Length > 0 && text.All(IsAsciiAlphanumeric);

    private static bool IsPlainDomain(string domain) => domain.Split('.').All(IsAlphanumeric);

    private static string Map(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++) span[i] = IsAsciiAlphanumeric(source[i]) ? source[i] : '_';
    });
}
