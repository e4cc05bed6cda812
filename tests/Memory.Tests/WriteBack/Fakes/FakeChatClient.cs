using Microsoft.Extensions.AI;

namespace Memory.Tests.WriteBack.Fakes;

/// <summary>A hand-written <see cref="IChatClient"/>: answers each call with what <see cref="Respond"/> returns for
/// the prompt text, and records the calls.</summary>
internal sealed class FakeChatClient : IChatClient
{
    public Func<string, string> Respond { get; set; } = _ => """{"facts": []}""";

    public List<(string Prompt, ChatOptions? Options)> Calls { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prompt = string.Join("\n", messages.Select(m => m.Text));
        lock (Calls)
        {
            Calls.Add((prompt, options));
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Respond(prompt))));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException("Write-back never streams.");

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
