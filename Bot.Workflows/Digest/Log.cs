using Microsoft.Extensions.Logging;

namespace AccessBot.Workflows.Digest;

// Event ids 1900-1949: digest.
internal static partial class Log
{
    [LoggerMessage(EventId = 1900, Level = LogLevel.Information, Message = "Digest {Week} posted to channel {Channel} on {Platform}")]
    public static partial void DigestPosted(ILogger logger, string week, string channel, string platform);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Information,
        Message = "Digest {Week} was already posted to channel {Channel} on {Platform} at {DeliveredAt}; not posting again")]
    public static partial void DigestAlreadyPosted(
        ILogger logger, string week, string channel, string platform, DateTimeOffset deliveredAt);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Warning,
        Message = "Channel {Channel} has no address on any configured chat platform; the digest {Week} was not posted")]
    public static partial void DigestNowhereToPost(ILogger logger, string channel, string week);

    [LoggerMessage(EventId = 1903, Level = LogLevel.Warning,
        Message = "No digest markup is registered for platform {Platform}; using the escaped markdown style")]
    public static partial void NoMarkupForPlatform(ILogger logger, string platform);
}
