using System.Text.Json.Nodes;

namespace Gateway.Pipeline;

/// <summary>A whole (non-streamed) upstream answer: its status and headers, its body, and the body parsed when it
/// is a JSON object. Stages change <see cref="Json"/> (and set <see cref="Modified"/>) or replace
/// <see cref="Body"/>; an unchanged answer goes to the client byte for byte.</summary>
internal sealed class PlainAnswer(HttpResponseMessage upstream, byte[] body, JsonObject? json) : ChatAnswer
{
    public HttpResponseMessage Upstream { get; } = upstream;

    public byte[] Body { get; set; } = body;

    public JsonObject? Json { get; } = json;

    public bool Modified { get; set; }

    public bool IsSuccess => Upstream.IsSuccessStatusCode;

    public override string Outcome => IsSuccess ? "ok" : "upstream_" + (int)Upstream.StatusCode;

    public override void Dispose() => Upstream.Dispose();
}
