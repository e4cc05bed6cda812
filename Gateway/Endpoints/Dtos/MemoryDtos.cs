using System.Text.Json.Serialization;
using Memory.Model;

namespace Gateway.Endpoints.Dtos;

/// <summary>A memory on the wire (contract: Memory). Embeddings never leave the gateway.</summary>
public sealed record MemoryDto(
    string Id,
    string Text,
    string Context,
    double Confidence,
    DateTimeOffset OccurredAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ValidTo,
    IReadOnlyList<string> Sources,
    IReadOnlyDictionary<string, string> Metadata,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Score = null)
{
    public static MemoryDto From(MemoryItem m, double? score = null) =>
        new(m.Id, m.Text, m.Context, m.Confidence, m.OccurredAt, m.CreatedAt, m.UpdatedAt, m.ValidTo, m.Sources, m.Metadata, score);
}

public sealed record NewMemoryDto(
    string? Text,
    string? Context,
    double? Confidence,
    DateTimeOffset? OccurredAt,
    List<string>? Sources,
    Dictionary<string, string>? Metadata);

public sealed record WriteMemoriesRequest(List<NewMemoryDto?>? Memories);

public sealed record WriteResultDto(string Id, string Event);

public sealed record WriteMemoriesResponse(IReadOnlyList<WriteResultDto> Results);

public sealed record SearchMemoriesRequest(
    string? Query,
    int? Limit,
    List<string>? Contexts,
    double? MinConfidence,
    double? MaxAgeDays,
    bool? IncludeSuperseded);

public sealed record MemoryListResponse(IReadOnlyList<MemoryDto> Memories);

public sealed record SearchResponse(IReadOnlyList<MemoryDto> Results);

public sealed record PatchMemoryRequest(
    string? Text,
    string? Context,
    double? Confidence,
    DateTimeOffset? OccurredAt,
    List<string>? Sources,
    Dictionary<string, string>? Metadata);

public sealed record HistoryEntryDto(string MemoryId, string Event, MemoryDto? Before, MemoryDto? After, DateTimeOffset At, string? Actor, string? Reason)
{
    public static HistoryEntryDto From(MemoryHistoryEntry h) =>
        new(h.MemoryId, h.Event.ToWire(), h.Before is null ? null : MemoryDto.From(h.Before), h.After is null ? null : MemoryDto.From(h.After), h.At, h.Actor, h.Reason);
}

public sealed record HistoryResponse(IReadOnlyList<HistoryEntryDto> History);

public sealed record ConsentDto(bool? Memory);

public sealed record ConsentResponse(bool Memory);

public sealed record ExportResponse(
    string UserId,
    ConsentResponse Consent,
    IReadOnlyList<MemoryDto> Memories,
    IReadOnlyList<HistoryEntryDto> History,
    IReadOnlyList<PendingTurnDto> PendingTurns,
    DateTimeOffset ExportedAt);

/// <summary>A chat turn or observation the write-back outbox still holds with its text (<c>pending</c>: not yet learned
/// from; <c>failed</c>: set aside after too many attempts).</summary>
public sealed record PendingTurnDto(string Id, string State, string Context, DateTimeOffset EnqueuedAt, bool Observation,
    IReadOnlyList<string> Messages, string? AssistantAnswer)
{
    public static PendingTurnDto From(Memory.WriteBack.HeldTurn t) =>
        new(t.TurnId, t.State, t.Context, t.EnqueuedAt, t.IsObservation, t.Messages, t.AssistantAnswer);
}

public sealed record EraseResponse(string UserId, bool Erased);

public sealed record ObservationRequest(string? Text, string? Context, DateTimeOffset? OccurredAt, List<string>? Sources);

public sealed record ObservationResponse(string Id, string Status);

public sealed record DeletedResponse(string Id, bool Deleted);
