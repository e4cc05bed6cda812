using Memory.Model;

namespace Memory.WriteBack;

/// <summary>One completed chat turn, written to the durable outbox before the response's last byte reaches the
/// client; the write-back worker extracts and consolidates memories from it.</summary>
public sealed record ConversationTurn
{
    /// <summary>Unique per turn (the request id); processing is idempotent on it.</summary>
    public required string TurnId { get; init; }
    public required UserKey User { get; init; }
    public required string Context { get; init; }
    /// <summary>The user's messages of this request, each with a stable id that becomes a memory source.</summary>
    public required IReadOnlyList<TurnMessage> UserMessages { get; init; }
    public string? AssistantAnswer { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? TemplateVersion { get; init; }
    /// <summary>Who caused it (app key id), recorded in history.</summary>
    public string? Actor { get; init; }
    /// <summary>True for POST /observations: the text is what a feature observed, not a chat message.</summary>
    public bool IsObservation { get; init; }
    /// <summary>The chat request's upstream model; extraction uses it unless <c>Memory:Extraction:Model</c> is set.</summary>
    public string? Model { get; init; }
    /// <summary>Extra provenance refs added to every memory learned from this turn (an observation's <c>sources</c>).</summary>
    public IReadOnlyList<string>? Sources { get; init; }
}

public sealed record TurnMessage(string Id, string Text);
