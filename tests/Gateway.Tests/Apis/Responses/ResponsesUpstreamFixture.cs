using TestDoubles.OpenAI;

namespace Gateway.Tests.Apis.Responses;

/// <summary>An upstream that serves the Responses API natively.</summary>
public sealed class ResponsesUpstreamFixture : ResponsesGatewayFixture
{
    private FakeResponsesUpstream _upstream = null!;

    public override string Kind => "responses";
    public override string UpstreamBaseUrl => _upstream.BaseUrl;
    public override IReadOnlyList<JsonObject> UpstreamBodies => _upstream.ResponsesRequests.Select(r => r.Json!).ToList();
    public override void Enqueue(FakeReply reply) => _upstream.Enqueue(reply);

    public override FakeReply ToolCallReply(string name, string arguments, int chunkSize) =>
        new() { ToolCall = (name, arguments), ChunkSize = chunkSize };

    public override string InstructionsOf(JsonObject sent) => (string?)sent["instructions"] ?? string.Empty;

    public override IReadOnlyList<string> ToolNamesOf(JsonObject sent) =>
        (sent["tools"] as JsonArray ?? []).Select(t => (string)t!["name"]!).ToList();

    public override (string? CallId, string? Name) ToolCallOf(JsonObject sent)
    {
        var call = sent["input"]!.AsArray().Single(i => (string?)i!["type"] == "function_call")!;
        return ((string?)call["call_id"], (string?)call["name"]);
    }

    public override (string? CallId, string? Output) ToolResultOf(JsonObject sent)
    {
        var result = sent["input"]!.AsArray().Single(i => (string?)i!["type"] == "function_call_output")!;
        return ((string?)result["call_id"], (string?)result["output"]);
    }

    protected override async Task StartUpstreamAsync() => _upstream = await FakeResponsesUpstream.StartAsync();
    protected override ValueTask StopUpstreamAsync() => _upstream.DisposeAsync();
}
