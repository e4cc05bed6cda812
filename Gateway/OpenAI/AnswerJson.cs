using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.OpenAI;

/// <summary>How the gateway writes the answers of the APIs it speaks (chat completions, Responses, Messages): text as
/// OpenAI and Anthropic write it, UTF-8 as it is, with only what JSON requires escaped (quotes, backslashes, control
/// characters; characters outside the Basic Multilingual Plane stay escaped as surrogate pairs). System.Text.Json's
/// default encoder also escapes every non-ASCII and HTML-sensitive character (<c>caf\u00E9</c>, <c>\u0026</c>,
/// <c>it\u0027s</c>): valid JSON, but not the providers' bytes and twice the size for accented or CJK text. The answers
/// are <c>application/json</c> or <c>text/event-stream</c>, never HTML, so the HTML escapes protect nothing.</summary>
internal static class AnswerJson
{
    public static JsonWriterOptions Writer { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonSerializerOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The node as UTF-8 JSON bytes.</summary>
    public static byte[] Bytes(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Writer))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
