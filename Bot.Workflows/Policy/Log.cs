using Microsoft.Extensions.Logging;

namespace AccessBot.Workflows.Policy;

/// <summary>Policy log messages; event ids 1800–1819 within the Workflows range.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1800, Level = LogLevel.Information, Message = "Policy loaded from {Path}: {Resources} resources, {Groups} groups, version {Version}")]
    public static partial void PolicyLoaded(ILogger logger, string path, int resources, int groups, string version);

    [LoggerMessage(EventId = 1801, Level = LogLevel.Warning, Message = "Policy reloaded from {Path}: version {PreviousVersion} replaced by {Version}")]
    public static partial void PolicySwapped(ILogger logger, string path, string previousVersion, string version);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Error, Message = "Policy file {Path} was changed but is not valid; version {Version} stays in force. {Errors}")]
    public static partial void PolicyRejected(ILogger logger, string path, string version, string errors);

    [LoggerMessage(EventId = 1803, Level = LogLevel.Debug, Message = "Policy file {Path} reloaded without changes (version {Version})")]
    public static partial void PolicyUnchanged(ILogger logger, string path, string version);

    [LoggerMessage(EventId = 1804, Level = LogLevel.Information, Message = "Watching {Path} for policy changes")]
    public static partial void WatchingPolicy(ILogger logger, string path);

    [LoggerMessage(EventId = 1805, Level = LogLevel.Warning, Message = "The policy file watcher reported an error; reloading to catch up")]
    public static partial void WatcherFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1806, Level = LogLevel.Error, Message = "Policy reload failed unexpectedly; the policy in force is unchanged")]
    public static partial void ReloadCrashed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1807, Level = LogLevel.Warning, Message = "Could not write the {Action} audit event; retrying in {Delay}")]
    public static partial void PolicyAuditRetry(ILogger logger, string action, TimeSpan delay, Exception exception);
}
