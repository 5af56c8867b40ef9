using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Rekindle.Engine.Tests.Infrastructure;

/// <summary>
/// Keeps the engine's warnings and errors, so a test can assert on them and a timed-out wait can say
/// what went wrong inside the engine instead of only that nothing happened.
/// </summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _entries);

    public string Describe() =>
        _entries.IsEmpty ? " The engine logged no warnings." : " The engine logged:" + Environment.NewLine + string.Join(Environment.NewLine, _entries);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        // Rekindle's own warnings matter to the tests; Orleans warns about things like localhost clustering.
        public bool IsEnabled(LogLevel logLevel) =>
            logLevel >= (category.StartsWith("Rekindle.", StringComparison.Ordinal) ? LogLevel.Warning : LogLevel.Error);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " — " + exception.Message)}");
            }
        }
    }
}
