using System.Text.Json.Nodes;

namespace Gateway.Apis.Messages;

/// <summary>One content block of a Messages stream being built from chat chunks: a text block, a thinking block
/// or one tool call (by its chat index), with the deltas it holds until it is the block being streamed.</summary>
internal sealed class MessagesStreamBlock(string kind, int toolIndex)
{
    public string Kind { get; } = kind;

    /// <summary>The chat <c>tool_calls[].index</c> of a tool block (-1 otherwise).</summary>
    public int ToolIndex { get; } = toolIndex;

    public string? Id { get; set; }

    public string? Name { get; set; }

    public bool Started { get; set; }

    public bool Stopped { get; set; }

    /// <summary>Deltas that arrived while an earlier block was still open.</summary>
    public List<JsonObject> Pending { get; } = [];

    public JsonObject StartBlock() => Kind switch
    {
        "tool_use" => new JsonObject { ["type"] = "tool_use", ["id"] = Id, ["name"] = Name ?? string.Empty, ["input"] = new JsonObject() },
        "thinking" => new JsonObject { ["type"] = "thinking", ["thinking"] = string.Empty, ["signature"] = string.Empty },
        _ => new JsonObject { ["type"] = "text", ["text"] = string.Empty },
    };

    /// <summary>The signature that closes a thinking block (an upstream that speaks Messages signs its thinking).</summary>
    public static JsonObject SignatureDelta(string signature) => new() { ["type"] = "signature_delta", ["signature"] = signature };

    public JsonObject Delta(string text) => Kind switch
    {
        "tool_use" => new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = text },
        "thinking" => new JsonObject { ["type"] = "thinking_delta", ["thinking"] = text },
        _ => new JsonObject { ["type"] = "text_delta", ["text"] = text },
    };
}
