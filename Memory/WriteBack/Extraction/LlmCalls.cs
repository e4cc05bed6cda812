using System.Text.Json;
using Memory.Abstractions;
using Memory.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Memory.WriteBack.Extraction;

/// <summary>The write-back's own LLM calls: render a named template through <see cref="IPromptRenderer"/>, send it
/// as one user message asking for JSON, and return the answer text. Null members mean the LLM path is unavailable
/// (no chat client or renderer registered) and callers fall back to the heuristics.</summary>
internal sealed class LlmCalls(
    IChatClient? chat,
    IPromptRenderer? renderer,
    IOptions<MemoryOptions> memoryOptions,
    IOptions<WriteBackOptions> options)
{
    private readonly MemoryOptions _memory = memoryOptions.Value;
    private readonly WriteBackOptions _options = options.Value;

    public bool Available => chat is not null && renderer is not null;

    /// <summary>Renders <paramref name="template"/> and asks the model; the answer's text (may be invalid JSON).</summary>
    public async Task<string> AskAsync(string template, IReadOnlyDictionary<string, object?> variables, JsonElement schema, string schemaName,
        string? turnModel, CancellationToken cancellationToken = default)
    {
        if (chat is null || renderer is null)
        {
            throw new InvalidOperationException("No chat client or prompt renderer is registered for write-back LLM calls.");
        }

        var prompt = await renderer.RenderAsync(template, variables, cancellationToken).ConfigureAwait(false);
        var chatOptions = new ChatOptions
        {
            ModelId = string.IsNullOrWhiteSpace(_memory.Extraction.Model) ? turnModel : _memory.Extraction.Model,
            Temperature = 0,
            ResponseFormat = string.Equals(_options.LlmResponseFormat, "json", StringComparison.OrdinalIgnoreCase)
                ? ChatResponseFormat.Json
                : ChatResponseFormat.ForJsonSchema(schema, schemaName),
        };
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, prompt.Text)], chatOptions, cancellationToken)
            .ConfigureAwait(false);
        return response.Text;
    }
}
