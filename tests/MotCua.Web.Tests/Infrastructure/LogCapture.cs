using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MotCua.Web.Tests.Infrastructure;

/// <summary>
/// A logger provider of the test hosts that keeps every message of every category at Information and above, the
/// request logging of ASP.NET Core included ("Request starting HTTP/1.1 GET http://…/path?query"), while a test records
/// (<see cref="Record"/>), so a test can show that no personal data reaches the logs even with request logging on.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();
    private int _recording;

    /// <summary>Starts keeping messages until the returned handle is disposed; returns what was kept so far through it.</summary>
    public Recording Record()
    {
        Interlocked.Increment(ref _recording);
        return new Recording(this);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    public sealed class Recording(LogCapture owner) : IDisposable
    {
        private bool _done;
        public IReadOnlyList<string> Messages => [.. owner._messages];

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            if (Interlocked.Decrement(ref owner._recording) == 0) owner._messages.Clear();
        }
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => Volatile.Read(ref owner._recording) > 0 && logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            owner._messages.Enqueue($"{category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
        }
    }
}
