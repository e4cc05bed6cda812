using System.Text.Json.Nodes;
using Gateway.Auth;
using Memory.Model;

namespace Gateway.Pipeline;

/// <summary>Everything the chat pipeline's stages know about one request: who calls, for which end user and
/// feature, and what earlier stages decided (template, variant, injected memories).</summary>
public sealed class ChatRequestContext
{
    public required string RequestId { get; init; }

    /// <summary>The gateway's own id of this call (the caller's <see cref="RequestId"/> may be reused by anyone): what
    /// per-call state such as the audit allowance is keyed by.</summary>
    public string CallId { get; } = Guid.CreateVersion7().ToString("N");
    public required CallerIdentity Caller { get; init; }
    /// <summary>The end user (body <c>user</c> or <c>X-User-Id</c>), validated; null: proxied with no memory.</summary>
    public string? UserId { get; init; }
    /// <summary>The feature context (<c>X-Memory-Context</c>), default <c>chat</c>.</summary>
    public required string MemoryContext { get; init; }
    public string? Model { get; init; }
    /// <summary>A per-request marker placed in the injected memory block; an answer that repeats it is leakage.</summary>
    public required string Canary { get; init; }

    /// <summary>The API the app called with (metrics, and the dialect that may pass native fields through).</summary>
    public ClientApi Api { get; init; } = ClientApi.ChatCompletions;

    /// <summary>The app's own request body when it did not call chat completions: an upstream that speaks the
    /// app's API takes from it what chat completions cannot carry (<c>store</c>, <c>previous_response_id</c>...).</summary>
    public JsonObject? NativeBody { get; init; }

    /// <summary>True when a user is set and has not withdrawn memory consent (set by the prompt stage).</summary>
    public bool MemoryEnabled { get; set; }

    /// <summary>The prompt preview: guardrails decide as for the call but record nothing.</summary>
    public bool IsPreview { get; set; }

    public UserKey? User => UserId is null ? null : new UserKey(Caller.Tenant, UserId);

    // Filled by the prompt stage.
    public string? TemplateName { get; set; }
    public string? TemplateVersion { get; set; }
    public string? Variant { get; set; }
    public IReadOnlyList<MemoryItem> InjectedMemories { get; set; } = [];

    // Filled as the request runs.
    /// <summary>Guardrail decisions other than allow, on any stage.</summary>
    public int GuardrailInterventions { get; set; }
    public long PromptTokens { get; set; }
    public long CompletionTokens { get; set; }

    /// <summary>The upstream that answered (set by the forward stage).</summary>
    public string? UpstreamName { get; set; }

    /// <summary>Set when a streamed answer ended otherwise than as the upstream sent it (an upstream cut off
    /// mid-answer): the metrics outcome.</summary>
    public string? AnswerOutcome { get; set; }

    /// <summary>The erasure generation when the request arrived: if the user is erased after that, its turn never
    /// writes (set by <see cref="TurnRecorder.BeginAsync"/>).</summary>
    public long ErasureGeneration { get; set; }

    /// <summary>The turn the write-back stage opened in the outbox while the upstream answers (null: none).</summary>
    internal OpenTurn? OpenTurn { get; set; }
}
