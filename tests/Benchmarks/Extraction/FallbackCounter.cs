using Memory.WriteBack.Extraction;
using Microsoft.Extensions.Logging;

namespace Benchmarks.Extraction;

/// <summary>The LLM extractor's logger for the benchmark: counts heuristic fallbacks (event 2631), writes nothing.</summary>
internal sealed class FallbackCounter : ILogger<LlmFactExtractor>
{
    private const int FallbackEventId = 2631;

    private int _fallbacks;

    public int Fallbacks => Volatile.Read(ref _fallbacks);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id == FallbackEventId)
        {
            Interlocked.Increment(ref _fallbacks);
        }
    }
}
