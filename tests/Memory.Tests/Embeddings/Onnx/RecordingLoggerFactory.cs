using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Memory.Tests.Embeddings.Onnx;

/// <summary>A logger factory that keeps every entry's event id and structured values, at every level.</summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<(EventId Event, IReadOnlyDictionary<string, object?> Values)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Events(int eventId) =>
        [.. Entries.Where(e => e.Event.Id == eventId).Select(e => e.Values)];

    private sealed class RecordingLogger(RecordingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            owner.Entries.Enqueue((eventId, values.ToDictionary(p => p.Key, p => p.Value)));
        }
    }
}
