namespace AccessBot.Adapters.Slack.Inbound;

/// <summary>An HTTP request from Slack as received: raw body bytes (what the signature covers) and the headers that matter.</summary>
public sealed record SlackInboundRequest(
    string Endpoint,
    byte[] Body,
    string? Timestamp,
    string? Signature,
    string? RetryNum = null,
    string? RemoteAddress = null)
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";
    public const string RetryNumHeader = "X-Slack-Retry-Num";

    /// <summary>Slack's own payloads stay far below this; anything bigger is refused before any hashing.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>Reads at most <see cref="MaxBodyBytes"/>; returns null when the body is larger (declared or actual).</summary>
    public static async Task<byte[]?> ReadBodyAsync(Stream body, long? contentLength, CancellationToken ct)
    {
        if (contentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream(contentLength is > 0 ? (int)contentLength.Value : 4096);
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
