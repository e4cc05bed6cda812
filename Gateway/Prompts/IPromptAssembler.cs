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
}

/// <summary>The assembled upstream messages and their provenance.</summary>
public sealed record AssembledPrompt(
    JsonArray Messages,
    IReadOnlyList<MemoryItem> Memories,
    string TemplateName,
    string TemplateVersion,
    string? Variant);
