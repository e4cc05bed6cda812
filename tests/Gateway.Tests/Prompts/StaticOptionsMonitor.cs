using Microsoft.Extensions.Options;

namespace Gateway.Tests.Prompts;

/// <summary>An options monitor over a value the test can change.</summary>
internal sealed class StaticOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue { get; set; } = value;

    public T Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
