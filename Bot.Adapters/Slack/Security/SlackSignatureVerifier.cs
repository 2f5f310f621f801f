using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AccessBot.Adapters.Slack.Security;

/// <summary>
/// Checks Slack's request signature: HMAC-SHA256 with the signing secret over <c>v0:{timestamp}:{raw body}</c>, sent as
/// <c>v0=</c> + lower-case hex; the timestamp must lie within five minutes of our clock in either direction.
/// </summary>
public sealed class SlackSignatureVerifier(IOptions<SlackOptions> options, TimeProvider time)
{
    /// <summary>Replay window, both ways: an old request and one dated ahead are treated alike.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private const string Prefix = "v0=";
    private const int HexLength = 64;

    public SignatureCheck Check(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)) return SignatureCheck.MissingHeaders;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var sent)) return SignatureCheck.BadTimestamp;

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var window = (long)Window.TotalSeconds;
        if (now - sent > window) return SignatureCheck.Stale;
        if (sent - now > window) return SignatureCheck.FromTheFuture;

        // Only lower-case hex is what Slack sends; anything else is refused before the MAC, not "fixed up".
        if (signature.Length != Prefix.Length + HexLength || !signature.StartsWith(Prefix, StringComparison.Ordinal)
            || !IsLowerHex(signature.AsSpan(Prefix.Length)))
            return SignatureCheck.BadFormat;

        var secret = options.Value.SigningSecret;
        if (string.IsNullOrEmpty(secret)) return SignatureCheck.Mismatch;

        var head = Encoding.ASCII.GetBytes($"v0:{timestamp}:");
        var signed = new byte[head.Length + body.Length];
        head.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(head.Length));
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed, mac);

        Span<byte> given = stackalloc byte[32];
        Convert.FromHexString(signature.AsSpan(Prefix.Length), given, out _, out _);
        return CryptographicOperations.FixedTimeEquals(mac, given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    private static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f')) return false;
        return true;
    }
}
