using Gateway.Pipeline;
using Gateway.Upstream.Dialects;

namespace Gateway.Tests.Apis.Responses;

/// <summary>A Responses upstream's answers in chat form (<see cref="ResponsesAnswerTranslator"/>,
/// <see cref="ResponsesChunkTranslator"/>): what the output guardrails and usage read.</summary>
public sealed class ResponsesAnswerTranslationTests
{
    private static ChatRequest Request()
    {
        var body = (JsonObject)JsonNode.Parse("""{"model":"m","messages":[{"role":"user","content":"x"}]}""")!;
        var context = new ChatRequestContext { RequestId = "r", Caller = Gateway.Auth.CallerIdentity.Open, MemoryContext = "chat", Model = "m", Canary = "mem-0" };
        return new ChatRequest(body, (JsonArray)body["messages"]!, true, context);
    }

    private static JsonNode? Delta(JsonObject chunk) => (chunk["choices"] as JsonArray)?.FirstOrDefault()?["delta"];

    private static SseItem Event(string json) => new() { Kind = SseItemKind.Data, Json = (JsonObject)JsonNode.Parse(json)!, Flush = true };

    private static async Task<List<SseItem>> TranslateAsync(params SseItem[] events)
    {
        var items = new List<SseItem>();
        await foreach (var item in ResponsesChunkTranslator.TranslateAsync(events.ToAsyncEnumerable(), Request(), CancellationToken.None))
        {
            items.Add(item);
        }

        return items;
    }

    [Fact]
    public void A_plain_answer_with_text_refusal_and_calls_becomes_one_chat_choice()
    {
        var chat = ResponsesAnswerTranslator.ToChatCompletion((JsonObject)JsonNode.Parse("""
            {"id":"resp_1","object":"response","created_at":5,"model":"m","status":"completed","output":[
              {"type":"reasoning","id":"rs_1","summary":[]},
              {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Hel"},{"type":"output_text","text":"lo"},{"type":"refusal","refusal":"no"}]},
              {"type":"function_call","call_id":"c1","name":"f","arguments":"{\"a\":1}"}],
             "usage":{"input_tokens":3,"output_tokens":4,"total_tokens":7,"output_tokens_details":{"reasoning_tokens":2}}}
            """)!)!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"id":"resp_1","object":"chat.completion","created":5,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hello","refusal":"no",
              "tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}}]},"logprobs":null,"finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":2}}}
            """), chat), chat.ToJsonString());
    }

    [Theory]
    [InlineData("max_output_tokens", "length")]
    [InlineData("content_filter", "content_filter")]
    public void An_incomplete_answer_keeps_its_reason_as_the_finish_reason(string reason, string finish)
    {
        var chat = ResponsesAnswerTranslator.ToChatCompletion((JsonObject)JsonNode.Parse($$"""
            {"id":"resp_1","object":"response","status":"incomplete","incomplete_details":{"reason":"{{reason}}"},"output":[]}
            """)!)!;

        Assert.Equal(finish, (string?)chat["choices"]![0]!["finish_reason"]);
    }

    [Fact]
    public async Task Streamed_events_become_chat_chunks_with_tool_argument_deltas_in_order()
    {
        var items = await TranslateAsync(
            Event("""{"type":"response.created","response":{"id":"resp_9","created_at":7,"model":"m"}}"""),
            Event("""{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"delta":"Hi "}"""),
            Event("""{"type":"response.output_item.added","output_index":1,"item":{"type":"function_call","call_id":"c1","name":"f","arguments":""}}"""),
            Event("""{"type":"response.function_call_arguments.delta","output_index":1,"delta":"{\"a\""}"""),
            Event("""{"type":"response.function_call_arguments.delta","output_index":1,"delta":":1}"}"""),
            Event("""{"type":"response.function_call_arguments.done","output_index":1,"arguments":"{\"a\":1}"}"""),
            Event("""{"type":"response.output_text.done","item_id":"msg_1","output_index":0,"text":"Hi "}"""),
            Event("""{"type":"response.completed","response":{"usage":{"input_tokens":1,"output_tokens":2,"total_tokens":3}}}"""));

        var deltas = items.Where(i => i.Kind == SseItemKind.Data).Select(i => i.Json!).ToList();
        Assert.All(deltas, d => Assert.Equal("resp_9", (string?)d["id"]));
        Assert.Equal("Hi ", string.Concat(deltas.Select(d => (string?)Delta(d)?["content"])));
        var calls = deltas.SelectMany(d => Delta(d)?["tool_calls"] as JsonArray ?? []).ToList();
        Assert.Equal(("c1", "f"), ((string?)calls[0]!["id"], (string?)calls[0]!["function"]!["name"]));
        Assert.All(calls, c => Assert.Equal(0, (int)c!["index"]!));
        Assert.Equal("""{"a":1}""", string.Concat(calls.Select(c => (string?)c!["function"]!["arguments"])));
        Assert.Equal("tool_calls", (string?)deltas[^2]["choices"]![0]!["finish_reason"]);
        Assert.Equal(3L, (long)deltas[^1]["usage"]!["total_tokens"]!);
        Assert.Equal(SseItemKind.Done, items[^1].Kind);
    }

    [Fact]
    public async Task Text_and_arguments_that_arrive_whole_are_not_lost()
    {
        var items = await TranslateAsync(
            Event("""{"type":"response.created","response":{"id":"resp_9"}}"""),
            Event("""{"type":"response.output_text.done","item_id":"msg_1","output_index":0,"text":"Whole."}"""),
            Event("""{"type":"response.output_item.added","output_index":1,"item":{"type":"function_call","call_id":"c1","name":"f","arguments":""}}"""),
            Event("""{"type":"response.function_call_arguments.done","output_index":1,"arguments":"{}"}"""),
            Event("""{"type":"response.completed","response":{}}"""));

        var deltas = items.Where(i => i.Kind == SseItemKind.Data).Select(i => Delta(i.Json!)).ToList();
        Assert.Equal("Whole.", string.Concat(deltas.Select(d => (string?)d?["content"])));
        Assert.Equal("{}", string.Concat(deltas.SelectMany(d => d?["tool_calls"] as JsonArray ?? []).Select(c => (string?)c!["function"]!["arguments"])));
    }

    [Fact]
    public async Task A_failed_response_ends_with_an_error_item()
    {
        var items = await TranslateAsync(
            Event("""{"type":"response.created","response":{"id":"resp_9"}}"""),
            Event("""{"type":"response.failed","response":{"error":{"code":"server_error","message":"boom"}}}"""),
            Event("""{"type":"response.output_text.delta","delta":"never"}"""));

        var error = items[^1];
        Assert.Equal(SseItemKind.Error, error.Kind);
        Assert.Contains("boom", error.Failure!.Message, StringComparison.Ordinal);
    }
}
