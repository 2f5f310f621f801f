using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AccessBot.Adapters.Slack.Inbound;

namespace AccessBot.Tests.Adapters.Slack;

/// <summary>Signs request bodies exactly as Slack does, for inbound tests.</summary>
internal static class SlackSigner
{
    public const string Secret = "test-signing-secret-0123456789abcdef";

    public static string Sign(string secret, long timestamp, byte[] body)
    {
        var head = Encoding.ASCII.GetBytes($"v0:{timestamp.ToString(CultureInfo.InvariantCulture)}:");
        byte[] data = [.. head, .. body];
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data);
        return "v0=" + Convert.ToHexStringLower(mac);
    }

    public static SlackInboundRequest Request(string endpoint, string body, DateTimeOffset at, string secret = Secret, string? retryNum = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var ts = at.ToUnixTimeSeconds();
        return new SlackInboundRequest(endpoint, bytes, ts.ToString(CultureInfo.InvariantCulture), Sign(secret, ts, bytes), retryNum, "127.0.0.1");
    }
}
