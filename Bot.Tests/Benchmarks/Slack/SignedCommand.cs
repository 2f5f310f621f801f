using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AccessBot.Benchmarks.Slack;

/// <summary>One slash-command POST, form-encoded and signed the way Slack signs it (<c>v0:{ts}:{body}</c>, HMAC-SHA256).</summary>
internal sealed record SignedCommand(byte[] Body, string Timestamp, string Signature)
{
    public const string TeamId = "T0BENCH";

    /// <summary>
    /// Signed ahead of the measured phase so the driver spends no time hashing while it keeps the schedule; a phase lasts
    /// seconds, far inside the five-minute replay window both receivers enforce.
    /// </summary>
    public static SignedCommand Create(string secret, string userId, string text, Uri responseUrl, TimeProvider time)
    {
        var form = string.Join('&',
            Pair("token", "bench-verification-token"), Pair("team_id", TeamId), Pair("team_domain", "bench"),
            Pair("channel_id", "C0BENCH"), Pair("channel_name", "bench"), Pair("user_id", userId), Pair("user_name", userId.ToLowerInvariant()),
            Pair("command", "/access"), Pair("text", text), Pair("api_app_id", "A0BENCH"), Pair("is_enterprise_install", "false"),
            Pair("response_url", responseUrl.ToString()), Pair("trigger_id", $"1.2.{userId}"));
        var body = Encoding.UTF8.GetBytes(form);
        var ts = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        byte[] signed = [.. Encoding.ASCII.GetBytes($"v0:{ts}:"), .. body];
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return new SignedCommand(body, ts, "v0=" + Convert.ToHexStringLower(mac));
    }

    private static string Pair(string key, string value) => $"{key}={Uri.EscapeDataString(value)}";
}
