using System.Text.Json.Nodes;
using Gateway.Pipeline;
using Memory.Model;

namespace Gateway.Prompts;

/// <summary>Turns a chat request into what the upstream sees: the selected template rendered with the user's
/// memories as one system message before the app's messages, within the memory and context budgets.</summary>
public interface IPromptAssembler
{
    /// <summary>Returns the messages to send upstream (the app's messages unchanged, the gateway's system message
    /// added) and what was injected. Sends nothing, stores nothing: preview uses it as is.</summary>
    Task<AssembledPrompt> AssembleAsync(ChatRequestContext request, JsonArray appMessages, CancellationToken cancellationToken = default);

    /// <summary>As above for a parsed request; prefer this one: the context-window budget then also sees the body's
    /// <c>max_completion_tokens</c>/<c>max_tokens</c> and tools.</summary>
    Task<AssembledPrompt> AssembleAsync(ChatRequest request, CancellationToken cancellationToken = default);
}

/// <summary>The assembled upstream messages and their provenance.</summary>
public sealed record AssembledPrompt(
    JsonArray Messages,
    IReadOnlyList<MemoryItem> Memories,
    string TemplateName,
    string TemplateVersion,
    string? Variant)
{
    /// <summary>Whether a template framed the request (false: no user, no consent, or no room in the context
    /// window; <see cref="Messages"/> are then the app's own, and the template fields are empty).</summary>
    public bool IsPersonalized => TemplateName.Length > 0;

    /// <summary>Tokens of the injected memory block.</summary>
    public int MemoryTokens { get; init; }

    /// <summary>Estimated prompt tokens of <see cref="Messages"/> (text and per-message framing).</summary>
    public int PromptTokens { get; init; }

    /// <summary>The app's messages, untouched by any template.</summary>
    public static AssembledPrompt Unpersonalized(JsonArray messages, int promptTokens = 0) =>
        new(messages, [], string.Empty, string.Empty, null) { PromptTokens = promptTokens };
}
