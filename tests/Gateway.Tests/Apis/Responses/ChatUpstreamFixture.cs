using Gateway.Tests.Pipeline;
using TestDoubles.OpenAI;

namespace Gateway.Tests.Apis.Responses;

/// <summary>A chat completions upstream (the default kind): every Responses call is translated.</summary>
public sealed class ChatUpstreamFixture : ResponsesGatewayFixture
{
    private FakeOpenAIUpstream _upstream = null!;

    public override string Kind => "chat";
    public override string UpstreamBaseUrl => _upstream.BaseUrl;
    public override IReadOnlyList<JsonObject> UpstreamBodies => _upstream.ChatRequests.Select(r => r.Json!).ToList();
    public override void Enqueue(FakeReply reply) => _upstream.Enqueue(reply);

    public override FakeReply ToolCallReply(string name, string arguments, int chunkSize)
    {
        var chunks = new List<object>
        {
            Sse.Chunk(new JsonObject
            {
                ["role"] = "assistant",
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0, ["id"] = "call_chat_1", ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = name, ["arguments"] = string.Empty },
                }),
            }),
        };
        for (var i = 0; i < arguments.Length; i += chunkSize)
        {
            var piece = arguments.Substring(i, Math.Min(chunkSize, arguments.Length - i));
            chunks.Add(Sse.Chunk(new JsonObject
            {
                ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = piece } }),
            }));
        }

        chunks.Add(Sse.Chunk([], "tool_calls"));
        return Sse.Reply([.. chunks]);
    }

    public override string InstructionsOf(JsonObject sent) =>
        string.Join("\n", sent["messages"]!.AsArray().Where(m => (string?)m!["role"] == "system").Select(m => (string?)m!["content"]));

    public override IReadOnlyList<string> ToolNamesOf(JsonObject sent) =>
        (sent["tools"] as JsonArray ?? []).Select(t => (string)t!["function"]!["name"]!).ToList();

    public override (string? CallId, string? Name) ToolCallOf(JsonObject sent)
    {
        var call = sent["messages"]!.AsArray().Single(m => m!["tool_calls"] is not null)!["tool_calls"]![0]!;
        return ((string?)call["id"], (string?)call["function"]!["name"]);
    }

    public override (string? CallId, string? Output) ToolResultOf(JsonObject sent)
    {
        var result = sent["messages"]!.AsArray().Single(m => (string?)m!["role"] == "tool")!;
        return ((string?)result["tool_call_id"], (string?)result["content"]);
    }

    protected override async Task StartUpstreamAsync() => _upstream = await FakeOpenAIUpstream.StartAsync();
    protected override ValueTask StopUpstreamAsync() => _upstream.DisposeAsync();
}
