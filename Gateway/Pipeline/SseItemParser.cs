using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Upstream;

namespace Gateway.Pipeline;

/// <summary>Turns upstream SSE lines into items: JSON data lines parsed, everything else kept as text to be guarded.</summary>
internal static class SseItemParser
{
    /// <summary>What follows <c>data:</c> on a data line, without the one space the format allows after the colon.</summary>
    public static ReadOnlySpan<byte> DataPayload(ReadOnlySpan<byte> line)
    {
        var payload = line[5..];
        return payload.Length > 0 && payload[0] == (byte)' ' ? payload[1..] : payload;
    }

    public static SseItem Parse(UpstreamLine line)
    {
        if (line.Failure is { } failure)
        {
            return new SseItem { Kind = SseItemKind.Error, Failure = failure, Flush = true };
        }

        var bytes = line.Bytes;
        if (bytes.Length == 0)
        {
            return new SseItem { Kind = SseItemKind.Blank, Flush = line.EndOfBatch };
        }

        var span = bytes.AsSpan();
        if (!span.StartsWith("data:"u8))
        {
            return new SseItem { Kind = SseItemKind.Text, Raw = bytes, Flush = line.EndOfBatch };
        }

        var payload = DataPayload(span);

        if (payload.SequenceEqual("[DONE]"u8))
        {
            return new SseItem { Kind = SseItemKind.Done, Raw = bytes, Flush = true };
        }

        // A chunk with a string no reader could take is repaired (JsonStrings) before it is parsed and forwarded.
        if (!JsonStrings.IsValid(payload))
        {
            var repaired = JsonStrings.Sanitize(payload.ToArray());
            payload = repaired;
            bytes = [.. "data: "u8, .. repaired];
        }

        try
        {
            if (JsonNode.Parse(payload, documentOptions: UpstreamJson.Options) is JsonObject json)
            {
                return new SseItem { Kind = SseItemKind.Data, Raw = bytes, Json = json, Flush = line.EndOfBatch };
            }
        }
        catch (JsonException)
        {
        }

        return new SseItem { Kind = SseItemKind.Text, Raw = bytes, Flush = line.EndOfBatch };
    }
}
