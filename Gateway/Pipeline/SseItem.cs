using System.Text.Json.Nodes;
using Gateway.Upstream;

namespace Gateway.Pipeline;

/// <summary>One line of a relayed SSE stream: the upstream's bytes, and for <c>data:</c> lines the parsed JSON.
/// A line no stage changed is sent byte for byte; a changed one is written from <see cref="Json"/> or
/// <see cref="Text"/>.</summary>
internal sealed class SseItem
{
    public required SseItemKind Kind { get; init; }

    /// <summary>The line as the upstream sent it (no newline); empty for items the gateway made.</summary>
    public byte[] Raw { get; init; } = [];

    public JsonObject? Json { get; init; }

    /// <summary>The line's text after the guard changed it (<see cref="SseItemKind.Text"/>).</summary>
    public string? Text { get; set; }

    /// <summary>True when <see cref="Json"/> changed since it was parsed.</summary>
    public bool Modified { get; set; }

    /// <summary>An event the gateway made: written with its own blank line.</summary>
    public bool Synthetic { get; init; }

    /// <summary>A notice from the gateway (a block message), not part of the model's answer.</summary>
    public bool GatewayNotice { get; init; }

    /// <summary>The last line of what arrived together: the relay flushes after it.</summary>
    public bool Flush { get; init; }

    public UpstreamAnswerFailure? Failure { get; init; }

    public static SseItem Event(JsonObject chunk, bool notice = false) =>
        new() { Kind = SseItemKind.Data, Json = chunk, Modified = true, Synthetic = true, GatewayNotice = notice, Flush = true };
}
