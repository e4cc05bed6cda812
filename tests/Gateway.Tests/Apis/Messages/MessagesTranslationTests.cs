using Gateway.Apis.Messages;
using Gateway.Auth;
using Gateway.Pipeline;
using Gateway.Upstream;
using Gateway.Upstream.Dialects;

namespace Gateway.Tests.Apis.Messages;

/// <summary>The dense translation logic between Messages and chat completions, case by case.</summary>
public sealed class MessagesTranslationTests
{
    private static JsonObject Translate(string messagesBody)
    {
        var translation = MessagesRequestTranslator.Translate((JsonObject)JsonNode.Parse(messagesBody)!);
        Assert.True(translation.Ok, translation.Field + ": " + translation.Problem);
        return translation.ChatBody!;
    }

    [Fact]
    public void System_blocks_tool_results_and_images_become_chat_messages_in_order()
    {
        var chat = Translate("""
            {"model":"m","max_tokens":9,"system":[{"type":"text","text":"one"},{"type":"text","text":"two"}],
             "messages":[
               {"role":"user","content":"weather?"},
               {"role":"assistant","content":[{"type":"text","text":"checking"},{"type":"tool_use","id":"t1","name":"w","input":{"city":"Porto"}}]},
               {"role":"user","content":[{"type":"text","text":"and this"},{"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"18C"}]},
                 {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"t2","content":"boom","is_error":true}]}],
             "stop_sequences":["END"],"tool_choice":{"type":"any","disable_parallel_tool_use":true},
             "tools":[{"name":"w","description":"weather","input_schema":{"type":"object"}}]}
            """);

        var messages = chat["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "tool", "user", "tool"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("one\n\ntwo", messages[0]!["content"]!.GetValue<string>());
        Assert.Equal("checking", messages[2]!["content"]!.GetValue<string>());
        Assert.Equal("""{"city":"Porto"}""", messages[2]!["tool_calls"]![0]!["function"]!["arguments"]!.GetValue<string>());
        Assert.Equal("t1", messages[3]!["tool_call_id"]!.GetValue<string>());
        Assert.Equal("18C", messages[3]!["content"]!.GetValue<string>());
        Assert.Equal("data:image/png;base64,AAAA", messages[4]!["content"]![1]!["image_url"]!["url"]!.GetValue<string>());
        Assert.Equal(MessagesContentTranslator.ToolErrorPrefix + "boom", messages[5]!["content"]!.GetValue<string>());
        Assert.Equal("END", chat["stop"]![0]!.GetValue<string>());
        Assert.Equal("required", chat["tool_choice"]!.GetValue<string>());
        Assert.False(chat["parallel_tool_calls"]!.GetValue<bool>());
        Assert.Equal("weather", chat["tools"]![0]!["function"]!["description"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}]}""", "max_tokens")]
    [InlineData("""{"model":"m","max_tokens":1,"messages":[{"role":"user","content":[{"type":"document","source":{}}]}]}""", "messages[0].content[0].type")]
    [InlineData("""{"model":"m","max_tokens":1,"messages":[{"role":"bot","content":"x"}]}""", "messages[0].role")]
    [InlineData("""{"model":"m","max_tokens":1,"temperature":1.5,"messages":[{"role":"user","content":"x"}]}""", "temperature")]
    [InlineData("""{"model":"m","max_tokens":1,"tools":[{"type":"web_search_20250305","name":"web_search"}],"messages":[{"role":"user","content":"x"}]}""", "tools[0].type")]
    [InlineData("""{"model":"m","max_tokens":1,"metadata":{"user_id":5},"messages":[{"role":"user","content":"x"}]}""", "metadata.user_id")]
    [InlineData("""{"model":"m","max_tokens":1,"metadata":{"user_id":"u1","session":"s9"},"messages":[{"role":"user","content":"x"}]}""", "metadata.session")] // was dropped silently
    public void What_cannot_be_read_is_refused_naming_the_field(string body, string field)
    {
        var translation = MessagesRequestTranslator.Translate((JsonObject)JsonNode.Parse(body)!);

        Assert.False(translation.Ok);
        Assert.Equal(field, translation.Field);
    }

    [Fact]
    public void A_stream_keeps_blocks_in_order_when_guarded_tails_arrive_at_the_finish()
    {
        var translator = new MessagesStreamTranslator("m", "req1");
        var items = new[]
        {
            Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "Hello" }),
            Chunk(new JsonObject { ["tool_calls"] = Call(0, "c0", "a", "{\"x\"") }),
            Chunk(new JsonObject { ["tool_calls"] = Call(1, "c1", "b", "{\"y\":") }),
            // The guards release what they held when the choice finishes: a text tail and both calls' tails.
            Chunk(new JsonObject { ["content"] = " world", ["tool_calls"] = new JsonArray(Tail(0, ":1}"), Tail(1, "2}")) }, "tool_calls"),
            Chunk([], usage: new JsonObject { ["prompt_tokens"] = 4, ["completion_tokens"] = 6 }),
            new SseItem { Kind = SseItemKind.Done },
        };

        var events = items.SelectMany(translator.On).ToList();

        Assert.True(translator.Ended);
        var starts = events.Where(e => e.Name == "content_block_start").Select(e => e.Data["index"]!.GetValue<int>()).ToList();
        Assert.Equal([0, 1, 2], starts);
        var open = -1;
        var deltas = new Dictionary<int, string>();
        foreach (var e in events)
        {
            var index = e.Data["index"]?.GetValue<int>() ?? -1;
            switch (e.Name)
            {
                case "content_block_start":
                    Assert.Equal(-1, open);
                    open = index;
                    break;
                case "content_block_delta":
                    Assert.Equal(open, index);
                    var delta = e.Data["delta"]!;
                    deltas[index] = deltas.GetValueOrDefault(index) + (delta["text"] ?? delta["partial_json"])!.GetValue<string>();
                    break;
                case "content_block_stop":
                    open = -1;
                    break;
            }
        }

        Assert.Equal("Hello world", deltas[0]);
        Assert.Equal("""{"x":1}""", deltas[1]);
        Assert.Equal("""{"y":2}""", deltas[2]);
        Assert.Equal("c1", events.Where(e => e.Name == "content_block_start").ElementAt(2).Data["content_block"]!["id"]!.GetValue<string>());
        var messageDelta = events.Single(e => e.Name == "message_delta").Data;
        Assert.Equal("tool_use", messageDelta["delta"]!["stop_reason"]!.GetValue<string>());
        Assert.Equal(6, messageDelta["usage"]!["output_tokens"]!.GetValue<long>());
        Assert.Equal("message_stop", events[^1].Name);
    }

    /// <summary>As Anthropic ends an answer its classifiers stop (and as the plain answer says it): the notice as text,
    /// <c>stop_reason: "refusal"</c>, <c>message_stop</c>; not an <c>error</c> event the SDKs throw as a bad request.</summary>
    [Fact]
    public void A_guardrail_notice_ends_the_stream_as_a_refusal()
    {
        var translator = new MessagesStreamTranslator("m", "req2");
        var notice = SseItem.Event(new JsonObject
        {
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["content"] = "\n[gateway: blocked]" }, ["finish_reason"] = "content_filter" }),
        }, notice: true);

        var events = new[] { Chunk(new JsonObject { ["content"] = "Hi" }), notice, new SseItem { Kind = SseItemKind.Done } }.SelectMany(translator.On).ToList();

        Assert.Equal(
            ["message_start", "ping", "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            events.Select(e => e.Name));
        Assert.Equal("\n[gateway: blocked]", events[4].Data["delta"]!["text"]!.GetValue<string>());
        Assert.Equal("refusal", events[6].Data["delta"]!["stop_reason"]!.GetValue<string>());
    }

    [Fact]
    public void Chat_turns_become_merged_messages_turns_for_an_anthropic_upstream()
    {
        var call = Build("""
            {"model":"claude","messages":[
              {"role":"system","content":"memory block"},{"role":"user","content":"a"},{"role":"user","content":[{"type":"text","text":"b"},{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,QQ=="}}]},
              {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{\"k\":1}"}},{"id":"c2","type":"function","function":{"name":"g","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"c1","content":"r1"},{"role":"tool","tool_call_id":"c2","content":"r2"},{"role":"user","content":"next"}],
             "max_completion_tokens":99,"stop":"STOP","user":"u1","tool_choice":{"type":"function","function":{"name":"f"}},
             "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}},{"type":"function","function":{"name":"g"}}]}
            """);

        Assert.True(call.CanSend, call.Problem);
        Assert.Equal("messages", call.Path);
        var body = JsonNode.Parse(call.Body)!;
        Assert.Equal("memory block", body["system"]!.GetValue<string>());
        var turns = body["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "user"], turns.Select(t => t!["role"]!.GetValue<string>()));
        Assert.Equal(["text", "text", "image"], turns[0]!["content"]!.AsArray().Select(b => b!["type"]!.GetValue<string>()));
        Assert.Equal("QQ==", turns[0]!["content"]![2]!["source"]!["data"]!.GetValue<string>());
        Assert.Equal(1, turns[1]!["content"]![0]!["input"]!["k"]!.GetValue<int>());
        Assert.Equal(["tool_result", "tool_result", "text"], turns[2]!["content"]!.AsArray().Select(b => b!["type"]!.GetValue<string>()));
        Assert.Equal(99, body["max_tokens"]!.GetValue<int>());
        Assert.Equal("STOP", body["stop_sequences"]![0]!.GetValue<string>());
        Assert.Equal("u1", body["metadata"]!["user_id"]!.GetValue<string>());
        Assert.Equal("tool", body["tool_choice"]!["type"]!.GetValue<string>());
        Assert.Equal("object", body["tools"]![1]!["input_schema"]!["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"model":"c","messages":[{"role":"user","content":"a"}],"seed":3}""", "seed")]
    [InlineData("""{"model":"c","messages":[{"role":"user","content":"a"}],"n":2}""", "n")]
    [InlineData("""{"model":"c","messages":[{"role":"user","content":"a"}],"response_format":{"type":"json_object"}}""", "response_format")]
    [InlineData("""{"model":"c","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{}}]}]}""", "messages[0].content[0].type")]
    [InlineData("""{"model":"c","messages":[{"role":"assistant","content":null,"tool_calls":[{"id":"x","type":"function","function":{"name":"f","arguments":"not json"}}]}]}""", "messages[0].tool_calls[0].function.arguments")]
    public void Chat_fields_messages_has_no_equivalent_for_are_refused_naming_them(string chatBody, string field)
    {
        var call = Build(chatBody);

        Assert.False(call.CanSend);
        Assert.Equal(field, call.UntranslatableField);
    }

    [Fact]
    public void A_responses_apps_stored_conversation_cannot_be_translated()
    {
        var call = Build("""{"model":"c","messages":[{"role":"user","content":"a"}]}""", ClientApi.Responses, """{"previous_response_id":"resp_1"}""");

        Assert.Equal("previous_response_id", call.UntranslatableField);
    }

    [Fact]
    public void Anthropic_answers_become_chat_completions()
    {
        var completion = AnthropicAnswerTranslator.ToChatCompletion((JsonObject)JsonNode.Parse("""
            {"id":"msg_1","type":"message","role":"assistant","model":"claude","stop_reason":"stop_sequence","stop_sequence":"END",
             "content":[{"type":"thinking","thinking":"hmm","signature":"s"},{"type":"text","text":"Hi"},{"type":"tool_use","id":"t","name":"f","input":{"a":1}}],
             "usage":{"input_tokens":3,"cache_read_input_tokens":2,"output_tokens":4}}
            """)!, 1_700_000_000)!;

        var choice = completion["choices"]![0]!;
        Assert.Equal("Hi", choice["message"]!["content"]!.GetValue<string>());
        Assert.Equal("hmm", choice["message"]!["reasoning_content"]!.GetValue<string>());
        Assert.Equal("""{"a":1}""", choice["message"]!["tool_calls"]![0]!["function"]!["arguments"]!.GetValue<string>());
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());
        Assert.Equal(5, completion["usage"]!["prompt_tokens"]!.GetValue<long>());
        var message = MessagesAnswerTranslator.ToMessage(completion, "claude");
        Assert.Equal("stop_sequence", message["stop_reason"]!.GetValue<string>());
        Assert.Equal("END", message["stop_sequence"]!.GetValue<string>());
        Assert.Equal("msg_1", message["id"]!.GetValue<string>());
    }

    private static UpstreamCall Build(string chatBody, ClientApi api = ClientApi.ChatCompletions, string? native = null)
    {
        var body = (JsonObject)JsonNode.Parse(chatBody)!;
        var context = new ChatRequestContext
        {
            RequestId = "r",
            Caller = CallerIdentity.Open,
            MemoryContext = "chat",
            Canary = "mem-0",
            Model = body["model"]!.GetValue<string>(),
            Api = api,
            NativeBody = native is null ? null : (JsonObject)JsonNode.Parse(native)!,
        };
        var upstream = new UpstreamEndpoint(new UpstreamOptions { BaseUrl = "http://127.0.0.1:1/v1", Kind = UpstreamKind.Anthropic }, 0);
        return AnthropicRequestBuilder.Build(new ChatRequest(body, (JsonArray)body["messages"]!, false, context), upstream);
    }

    private static SseItem Chunk(JsonObject delta, string? finish = null, JsonObject? usage = null)
    {
        var chunk = new JsonObject
        {
            ["id"] = "chatcmpl-1",
            ["model"] = "m",
            ["choices"] = usage is null ? new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }) : new JsonArray(),
        };
        if (usage is not null)
        {
            chunk["usage"] = usage;
        }

        return new SseItem { Kind = SseItemKind.Data, Json = chunk };
    }

    private static JsonArray Call(int index, string id, string name, string arguments) =>
        new(new JsonObject { ["index"] = index, ["id"] = id, ["type"] = "function", ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments } });

    private static JsonObject Tail(int index, string arguments) =>
        new() { ["index"] = index, ["function"] = new JsonObject { ["arguments"] = arguments } };
}
