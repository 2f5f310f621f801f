using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AccessBot.Workflows.Provisioning.Webhook;

/// <summary>
/// The signature scheme of outbound webhooks (version 1): <c>X-AccessBot-Timestamp</c> is the Unix time in seconds and
/// <c>X-AccessBot-Signature</c> is <c>v1=</c> + lower-case hex of HMAC-SHA256(secret as UTF-8, timestamp + "." + body bytes).
/// </summary>
public static class WebhookSigner
{
    public const string TimestampHeader = "X-AccessBot-Timestamp";
    public const string SignatureHeader = "X-AccessBot-Signature";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string Version = "v1";

    public static string Timestamp(DateTimeOffset now) => now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        byte[] signed = [.. Encoding.UTF8.GetBytes(timestamp + "."), .. body];
        return Version + "=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>Constant-time check of a received signature header (what an operator's endpoint does).</summary>
    public static bool Verify(string secret, string timestamp, ReadOnlySpan<byte> body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));

    /// <summary>
    /// Stable per request and operation, so every retry carries the same key: <c>accessbot-812-grant-1767225600</c>
    /// (the grant's expiry in Unix seconds, so an extension is a new operation) or <c>accessbot-812-revoke</c>.
    /// </summary>
    public static string IdempotencyKey(long requestId, string operation, DateTimeOffset expiresAt) =>
        operation == "grant"
            ? string.Create(CultureInfo.InvariantCulture, $"accessbot-{requestId}-grant-{expiresAt.ToUnixTimeSeconds()}")
            : string.Create(CultureInfo.InvariantCulture, $"accessbot-{requestId}-{operation}");
}
