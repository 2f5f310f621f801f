using Microsoft.Extensions.Logging;

namespace AccessBot.Workflows.Alerts;

// Event ids 1950-1999: alerts.
internal static partial class Log
{
    [LoggerMessage(EventId = 1950, Level = LogLevel.Warning, Message = "Alert {Rule} fired for {Cause}")]
    public static partial void AlertFired(ILogger logger, string rule, string cause);

    [LoggerMessage(EventId = 1951, Level = LogLevel.Debug, Message = "Alert {Rule} for {Cause} had already fired")]
    public static partial void AlertAlreadyFired(ILogger logger, string rule, string cause);

    [LoggerMessage(EventId = 1952, Level = LogLevel.Error, Message = "No audit chain check is registered; the chain alert cannot run")]
    public static partial void NoChainCheck(ILogger logger);
}
