using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AccessBot.Tests.Integration.Provisioning;

/// <summary>Keeps every formatted log line (with any exception text) so tests can check what would reach the logs.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue($"{eventId.Id} {formatter(state, exception)} {exception}");
    }
}
