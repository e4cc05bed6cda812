using Gateway.Pipeline;
using Gateway.Upstream.Dialects;

namespace Gateway.Tests.Apis.Responses;

/// <summary>The chat completions → Responses request table of the Responses upstream dialect
/// (<see cref="ResponsesRequestBuilder"/>).</summary>
public sealed class ResponsesRequestBuilderTests
{
    private static ChatRequest Request(string chat, ClientApi api = ClientApi.ChatCompletions, string? native = null)
    {
        var body = (JsonObject)JsonNode.Parse(chat)!;
        var context = new ChatRequestContext
        {
            RequestId = "r1",
            Caller = Gateway.Auth.CallerIdentity.Open,
            MemoryContext = "chat",
            Model = "m",
            Canary = "mem-x",
            Api = api,
            NativeBody = native is null ? null : (JsonObject)JsonNode.Parse(native)!,
        };
        return new ChatRequest(body, (JsonArray)body["messages"]!, false, context);
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual   {actual?.ToJsonString()}");

    [Fact]
    public void Leading_system_messages_become_instructions_and_the_rest_input_items()
    {
        var (body, _, problem) = ResponsesRequestBuilder.Build(Request("""
            {"model":"m","messages":[
              {"role":"system","content":"memory block"},
              {"role":"system","content":"Be brief."},
              {"role":"user","content":[{"type":"text","text":"look"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AA"}}]},
              {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"c1","content":"done"},
              {"role":"assistant","content":"All set."}
            ]}
            """));

        Assert.Null(problem);
        AssertJson("""
            {"model":"m","instructions":"memory block\n\nBe brief.","input":[
              {"type":"message","role":"user","content":[{"type":"input_text","text":"look"},{"type":"input_image","image_url":"data:image/png;base64,AA","detail":"auto"}]},
              {"type":"function_call","call_id":"c1","name":"f","arguments":"{}"},
              {"type":"function_call_output","call_id":"c1","output":"done"},
              {"type":"message","role":"assistant","content":[{"type":"output_text","text":"All set.","annotations":[]}]}
            ],"store":false}
            """, body);
    }

    [Fact]
    public void Tools_format_limits_and_effort_take_their_responses_names()
    {
        var (body, _, _) = ResponsesRequestBuilder.Build(Request("""
            {"model":"m","messages":[{"role":"user","content":"x"}],
             "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"},"strict":true}}],
             "tool_choice":{"type":"function","function":{"name":"f"}},
             "response_format":{"type":"json_schema","json_schema":{"name":"p","schema":{"type":"object"}}},
             "max_completion_tokens":9,"reasoning_effort":"high","stream":true,"stream_options":{"include_usage":true},"n":1,"user":"u"}
            """));

        AssertJson("""[{"type":"function","name":"f","parameters":{"type":"object"},"strict":true}]""", body!["tools"]);
        AssertJson("""{"type":"function","name":"f"}""", body["tool_choice"]);
        AssertJson("""{"format":{"type":"json_schema","name":"p","schema":{"type":"object"}}}""", body["text"]);
        AssertJson("""{"effort":"high"}""", body["reasoning"]);
        Assert.Equal((9, true, "u"), ((int)body["max_output_tokens"]!, (bool)body["stream"]!, (string?)body["user"]));
        Assert.False(body.ContainsKey("stream_options") || body.ContainsKey("n"));
    }

    [Theory]
    [InlineData("\"stop\":[\"END\"]", "stop")]
    [InlineData("\"n\":2", "n")]
    [InlineData("\"logit_bias\":{\"1\":2}", "logit_bias")]
    [InlineData("\"tools\":[{\"type\":\"custom\",\"custom\":{\"name\":\"x\"}}]", "tools[0].type")]
    public void A_chat_field_responses_has_no_counterpart_for_is_named(string field, string name)
    {
        var (body, problemField, problem) = ResponsesRequestBuilder.Build(Request($$"""{"model":"m","messages":[{"role":"user","content":"x"}],{{field}}}"""));

        Assert.Null(body);
        Assert.Equal(name, problemField);
        Assert.NotNull(problem);
    }

    [Fact]
    public void A_responses_apps_own_fields_go_as_it_sent_them()
    {
        var (body, _, _) = ResponsesRequestBuilder.Build(Request("""{"model":"m","messages":[{"role":"user","content":"x"}]}""", ClientApi.Responses,
            """{"model":"m","input":"x","store":true,"previous_response_id":"resp_1","truncation":"auto","reasoning":{"effort":"low"}}"""));

        Assert.Equal((true, "resp_1", "auto"), ((bool)body!["store"]!, (string?)body["previous_response_id"], (string?)body["truncation"]));
        AssertJson("""{"effort":"low"}""", body["reasoning"]);
    }
}
