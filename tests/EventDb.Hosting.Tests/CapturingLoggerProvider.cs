using Microsoft.Extensions.Logging;

namespace EventDb.Hosting.Tests;

/// <summary>Keeps every message logged through it, with its category.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly List<(string Category, string Message)> _messages = [];

    public IReadOnlyList<(string Category, string Message)> Messages
    {
        get
        {
            lock (_messages)
                return [.. _messages];
        }
    }

    public ILogger CreateLogger(string categoryName) => new Capturing(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Capturing(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._messages)
                owner._messages.Add((category, formatter(state, exception)));
        }
    }
}
