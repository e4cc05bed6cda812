using Memory.Model;

namespace Memory.WriteBack;

/// <summary>One completed chat turn, written to the durable outbox before the response's last byte reaches the
/// client; the write-back worker extracts and consolidates memories from it.</summary>
public sealed record ConversationTurn
{
    /// <summary>The gateway's own id of the turn (never the caller's request id, which two tenants or users may
    /// share); the outbox keys turns by tenant, user and this id, and processing is idempotent on it.</summary>
    public required string TurnId { get; init; }
    /// <summary>The caller's <c>X-Request-Id</c>, for correlation only (message ids and sources mention it).</summary>
    public string? RequestId { get; init; }
    /// <summary>The erasure generation current when the turn started (<see cref="Stores.IErasureTombstones"/>): if the
    /// user is erased after that, the turn never writes.</summary>
    public long ErasureGeneration { get; init; }
    public required UserKey User { get; init; }
    public required string Context { get; init; }
    /// <summary>The user's messages of this request, each with a stable id that becomes a memory source.</summary>
    public required IReadOnlyList<TurnMessage> UserMessages { get; init; }
    public string? AssistantAnswer { get; init; }
    /// <summary>The question the assistant asked just before <see cref="UserMessages"/> (the last sentence of the
    /// previous assistant message, when it is a question), so a one-word answer ("Porto" to "Where do you live?") can
    /// be read; never itself a source of facts.</summary>
    public string? AssistantQuestion { get; init; }
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
