using Gateway.Apis.Responses;

namespace Gateway.Tests.Apis.Responses;

/// <summary>The Responses → chat completions request table (<see cref="ResponsesRequestTranslator"/>), field by field.</summary>
public sealed class ResponsesRequestTranslatorTests
{
    private static JsonObject Chat(string responses)
    {
        var (chat, problem) = ResponsesRequestTranslator.Translate((JsonObject)JsonNode.Parse(responses)!);
        Assert.Null(problem);
        return chat!;
    }

    private static ResponsesProblem Problem(string responses)
    {
        var (chat, problem) = ResponsesRequestTranslator.Translate((JsonObject)JsonNode.Parse(responses)!);
        Assert.Null(chat);
        return problem!;
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual   {actual?.ToJsonString()}");

    [Fact]
    public void A_string_input_and_instructions_become_a_system_and_a_user_message() =>
        AssertJson("""[{"role":"system","content":"Be brief."},{"role":"user","content":"hi"}]""",
            Chat("""{"model":"m","input":"hi","instructions":"Be brief."}""")["messages"]);

    [Fact]
    public void Input_items_become_chat_messages_with_tool_calls_merged_into_the_assistant_turn() =>
        AssertJson("""
            [
              {"role":"developer","content":[{"type":"text","text":"rules"}]},
              {"role":"user","content":[{"type":"text","text":"look"},{"type":"image_url","image_url":{"url":"https://x/y.png","detail":"low"}}]},
              {"role":"assistant","content":"Checking.","tool_calls":[
                {"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}},
                {"id":"c2","type":"function","function":{"name":"g","arguments":"{\"a\":1}"}}]},
              {"role":"tool","tool_call_id":"c1","content":"one"},
              {"role":"tool","tool_call_id":"c2","content":[{"type":"text","text":"two"}]}
            ]
            """,
            Chat("""
                {"model":"m","input":[
                  {"role":"developer","content":[{"type":"input_text","text":"rules"}]},
                  {"type":"message","role":"user","content":[{"type":"input_text","text":"look"},{"type":"input_image","image_url":"https://x/y.png","detail":"low"}]},
                  {"type":"message","role":"assistant","id":"msg_1","status":"completed","content":[{"type":"output_text","text":"Checking.","annotations":[]}]},
                  {"type":"function_call","call_id":"c1","name":"f","arguments":"{}"},
                  {"type":"function_call","call_id":"c2","name":"g","arguments":"{\"a\":1}"},
                  {"type":"function_call_output","call_id":"c1","output":"one"},
                  {"type":"function_call_output","call_id":"c2","output":[{"type":"input_text","text":"two"}]}
                ]}
                """)["messages"]);

    [Fact]
    public void Function_tools_are_nested_and_the_tool_choice_follows()
    {
        var chat = Chat("""{"model":"m","input":"x","tools":[{"type":"function","name":"f","description":"d","parameters":{"type":"object"},"strict":true}],"tool_choice":{"type":"function","name":"f"},"parallel_tool_calls":false}""");

        AssertJson("""[{"type":"function","function":{"name":"f","description":"d","parameters":{"type":"object"},"strict":true}}]""", chat["tools"]);
        AssertJson("""{"type":"function","function":{"name":"f"}}""", chat["tool_choice"]);
        AssertJson("false", chat["parallel_tool_calls"]);
    }

    [Fact]
    public void A_json_schema_text_format_becomes_the_response_format() =>
        AssertJson("""{"type":"json_schema","json_schema":{"name":"p","schema":{"type":"object"},"strict":true}}""",
            Chat("""{"model":"m","input":"x","text":{"format":{"type":"json_schema","name":"p","schema":{"type":"object"},"strict":true}}}""")["response_format"]);

    [Fact]
    public void Limits_sampling_identity_and_stream_keep_their_meaning()
    {
        var chat = Chat("""{"model":"m","input":"x","max_output_tokens":64,"temperature":0.2,"top_p":0.9,"metadata":{"k":"v"},"user":"u1","safety_identifier":"s1","stream":true,"reasoning":{"effort":"low"}}""");

        AssertJson("""
            {"model":"m","max_completion_tokens":64,"temperature":0.2,"top_p":0.9,"metadata":{"k":"v"},"user":"u1","safety_identifier":"s1",
             "stream":true,"stream_options":{"include_usage":true},"reasoning_effort":"low","messages":[{"role":"user","content":"x"}]}
            """, chat);
    }

    [Fact]
    public void Fields_only_a_responses_upstream_takes_stay_out_of_the_chat_body()
    {
        var chat = Chat("""{"model":"m","input":"x","store":true,"previous_response_id":"resp_1","truncation":"auto","prompt_cache_key":"k"}""");

        Assert.False(chat.ContainsKey("store") || chat.ContainsKey("previous_response_id") || chat.ContainsKey("truncation"));
        AssertJson("\"k\"", chat["prompt_cache_key"]);
    }

    [Theory]
    [InlineData("""{"model":"m","input":"x","tools":[{"type":"file_search","vector_store_ids":[]}]}""", "tools[0].type")]
    [InlineData("""{"model":"m","input":"x","tools":[{"type":"function","name":"f","colour":1}]}""", "tools[0].colour")]
    [InlineData("""{"model":"m","input":"x","tool_choice":{"type":"web_search"}}""", "tool_choice")]
    [InlineData("""{"model":"m","input":[{"type":"item_reference","id":"x"}]}""", "input[0].type")]
    [InlineData("""{"model":"m","input":[{"role":"user","content":[{"type":"input_image","file_id":"file_1"}]}]}""", "input[0].content[0].file_id")]
    [InlineData("""{"model":"m","input":[{"role":"user","content":[{"type":"input_audio"}]}]}""", "input[0].content[0].type")]
    [InlineData("""{"model":"m","input":[{"role":"robot","content":"x"}]}""", "input[0].role")]
    [InlineData("""{"model":"m","input":[{"type":"function_call","name":"f"}]}""", "input[0]")]
    [InlineData("""{"model":"m","input":"x","include":["reasoning.encrypted_content"]}""", "include")]
    [InlineData("""{"model":"m","input":"x","background":true}""", "background")]
    [InlineData("""{"model":"m","input":"x","max_output_tokens":0}""", "max_output_tokens")]
    [InlineData("""{"model":"m","input":"x","stream":"yes"}""", "stream")]
    [InlineData("""{"model":"m","input":"x","instructions":7}""", "instructions")]
    [InlineData("""{"model":"m","input":"x","text":{"format":{"type":"json_schema","name":"p","schema":{"type":"object","properties":{"a":{"type":"string","pattern":"("}}}}}}""", "text.format.schema")]
    public void What_cannot_be_carried_is_named(string responses, string field) => Assert.Equal(field, Problem(responses).Field);

    /// <summary>Settings of the wrong type or range went upstream as sent and came back echoed in the response object
    /// (<c>"parallel_tool_calls":"yes"</c>), which typed SDKs cannot read; they are a 400 naming the field.</summary>
    [Theory]
    [InlineData("""{"model":"m","input":"x","temperature":"hot"}""", "temperature")]
    [InlineData("""{"model":"m","input":"x","temperature":2.5}""", "temperature")]
    [InlineData("""{"model":"m","input":"x","temperature":-1}""", "temperature")]
    [InlineData("""{"model":"m","input":"x","top_p":2}""", "top_p")]
    [InlineData("""{"model":"m","input":"x","top_p":true}""", "top_p")]
    [InlineData("""{"model":"m","input":"x","parallel_tool_calls":"yes"}""", "parallel_tool_calls")]
    [InlineData("""{"model":"m","input":"x","metadata":{"a":1}}""", "metadata.a")]
    [InlineData("""{"model":"m","input":"x","metadata":[]}""", "metadata")]
    [InlineData("""{"model":"m","input":"x","service_tier":5}""", "service_tier")]
    [InlineData("""{"model":"m","input":"x","text":{"verbosity":5}}""", "text.verbosity")]
    [InlineData("""{"model":"m","input":"x","reasoning":{"effort":5}}""", "reasoning.effort")]
    public void Settings_of_the_wrong_type_or_range_are_named(string responses, string field) => Assert.Equal(field, Problem(responses).Field);

    [Fact]
    public void Metadata_past_openais_limits_is_refused()
    {
        var pairs = new JsonObject();
        for (var i = 0; i < 17; i++)
        {
            pairs["k" + i] = "v";
        }

        Assert.Equal("metadata", Problem(new JsonObject { ["model"] = "m", ["input"] = "x", ["metadata"] = pairs }.ToJsonString()).Field);
        Assert.Equal("metadata.k", Problem(new JsonObject { ["model"] = "m", ["input"] = "x", ["metadata"] = new JsonObject { ["k"] = new string('v', 513) } }.ToJsonString()).Field);
        AssertJson("""{"k":"v"}""", Chat("""{"model":"m","input":"x","metadata":{"k":"v"},"temperature":0,"top_p":1,"parallel_tool_calls":true}""")["metadata"]);
    }

    /// <summary>The gateway hands out no conversation ids and every caller reaches the provider under its one key, so a
    /// named conversation could be another tenant's or user's: refused whatever the upstream (a null passes).</summary>
    [Fact]
    public void A_conversation_is_refused_and_a_null_one_passes()
    {
        var problem = Problem("""{"model":"m","input":"x","conversation":"conv_123"}""");
        Assert.Equal(("conversation", "unsupported_field"), (problem.Field, problem.Code));
        Assert.Equal("conversation", Problem("""{"model":"m","input":"x","conversation":{"id":"conv_123"}}""").Field);
        Assert.Null(Chat("""{"model":"m","input":"x","conversation":null}""")["conversation"]);
    }
}
