using HangfireLevel = Hangfire.Logging.LogLevel;
using HangfireLog = Hangfire.Logging.ILog;
using HangfireLogProvider = Hangfire.Logging.ILogProvider;

namespace AccessBot.Host.Jobs;

/// <summary>
/// Hangfire's log provider is one static for the whole process. Pointing it at one host's <see cref="ILoggerFactory"/>
/// (what AddHangfire does) breaks every other host in the process once that host is disposed: Hangfire then throws
/// <see cref="ObjectDisposedException"/> from its own log calls, e.g. while installing a schema. This bridge forwards to
/// the most recently attached factory that is still alive, and drops messages when there is none.
/// </summary>
internal sealed class HangfireLogBridge : HangfireLogProvider
{
    private static readonly Lock Gate = new();
    private static readonly List<ILoggerFactory> Factories = [];

    public static HangfireLogBridge Instance { get; } = new();

    /// <summary>Makes <paramref name="factory"/> the target until the returned handle is disposed (with its host).</summary>
    public static Attachment Attach(ILoggerFactory factory)
    {
        lock (Gate) Factories.Add(factory);
        return new Attachment(factory);
    }

    public HangfireLog GetLogger(string name) => new BridgeLog(name);

    private static ILoggerFactory? Current()
    {
        lock (Gate) return Factories.Count == 0 ? null : Factories[^1];
    }

    /// <summary>Keeps a factory attached until disposed.</summary>
    internal sealed class Attachment(ILoggerFactory factory) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate) Factories.Remove(factory);
        }
    }

    private sealed class BridgeLog(string name) : HangfireLog
    {
        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                if (Current()?.CreateLogger(name) is not { } logger) return false;
                var level = logLevel switch
                {
                    HangfireLevel.Trace => LogLevel.Trace,
                    HangfireLevel.Debug => LogLevel.Debug,
                    HangfireLevel.Info => LogLevel.Information,
                    HangfireLevel.Warn => LogLevel.Warning,
                    HangfireLevel.Error => LogLevel.Error,
                    _ => LogLevel.Critical,
                };
                if (messageFunc is null) return logger.IsEnabled(level);
                if (!logger.IsEnabled(level)) return false;
#pragma warning disable CA2254 // Hangfire hands over finished text, not a template.
                logger.Log(level, 0, exception, "{HangfireMessage}", messageFunc());
#pragma warning restore CA2254
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
