namespace Gateway.Tests.Proxy;

/// <summary>Bad input gets a clear 4xx in OpenAI's error shape, never a 500.</summary>
[Collection("proxy")]
public sealed class ErrorPathTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private TestGateway Gateway => fixture.Gateway;

    [Theory]
    [InlineData("{not json", "invalid_json")]
    [InlineData("", "invalid_json")]
    [InlineData("[]", "invalid_json")]
    [InlineData("42", "invalid_json")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}]}""", "invalid_model")]
    [InlineData("""{"model":7,"messages":[{"role":"user","content":"x"}]}""", "invalid_model")]
    [InlineData("""{"model":"m"}""", "invalid_messages")]
    [InlineData("""{"model":"m","messages":"nope"}""", "invalid_messages")]
    [InlineData("""{"model":"m","messages":[]}""", "invalid_messages")]
    [InlineData("""{"model":"m","messages":[42]}""", "invalid_messages")]
    [InlineData("""{"model":"m","messages":[{"content":"x"}]}""", "invalid_messages")]
    [InlineData("""{"model":"m","messages":[{"role":"wizard","content":"x"}]}""", "invalid_messages")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":5}]}""", "invalid_messages")]
    [InlineData("""{"model":"m","messages":[{"role":"user"}]}""", "invalid_messages")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}],"stream":"yes"}""", "invalid_stream")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}],"user":17}""", "invalid_user")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}],"user":"line\nbreak"}""", "invalid_user")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}],"user":" padded"}""", "invalid_user")]
    public async Task Malformed_chat_requests_get_400_with_a_code(string body, string code)
    {
        using var response = await Gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(body));
        var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(code, error["code"]!.GetValue<string>());
    }

    /// <summary>OpenAI's shape names the field at fault in <c>param</c>; for model, messages, stream and user it was null.</summary>
    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"x"}]}""", "model")]
    [InlineData("""{"model":"m","messages":"nope"}""", "messages")]
    [InlineData("""{"model":"m","messages":[]}""", "messages")]
    [InlineData("""{"model":"m","messages":[{"role":"wizard","content":"x"}]}""", "messages[0]")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}],"stream":"yes"}""", "stream")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}],"user":17}""", "user")]
    public async Task Malformed_chat_requests_name_the_field_in_param(string body, string param)
    {
        foreach (var path in (string[])["v1/chat/completions", "v1/prompts/preview"])
        {
            using var response = await Gateway.Client.PostAsync(path, HttpAssert.Json(body));
            var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal(param, (string?)error["param"]);
        }
    }

    /// <summary>The contract audit found every OpenAI field but model, messages, stream, user and a schema's pattern
    /// forwarded whatever its type, so an upstream that ignores them (as the fake one, Ollama and vLLM do) answered a
    /// malformed request with a 200. Each is a 400 naming the field in <c>param</c>, as OpenAI answers.</summary>
    [Theory]
    [InlineData("\"n\":\"two\"", "n")]
    [InlineData("\"n\":0", "n")]
    [InlineData("\"n\":1.5", "n")]
    [InlineData("\"temperature\":\"hot\"", "temperature")]
    [InlineData("\"temperature\":2.5", "temperature")]
    [InlineData("\"top_p\":5", "top_p")]
    [InlineData("\"presence_penalty\":\"x\"", "presence_penalty")]
    [InlineData("\"max_tokens\":-3", "max_tokens")]
    [InlineData("\"max_completion_tokens\":\"x\"", "max_completion_tokens")]
    [InlineData("\"logprobs\":\"yes\"", "logprobs")]
    [InlineData("\"top_logprobs\":99", "top_logprobs")]
    [InlineData("\"seed\":\"s\"", "seed")]
    [InlineData("\"stop\":5", "stop")]
    [InlineData("\"stop\":[1,2]", "stop")]
    [InlineData("\"tools\":\"x\"", "tools")]
    [InlineData("\"tools\":[5]", "tools")]
    [InlineData("\"tool_choice\":5", "tool_choice")]
    [InlineData("\"tool_choice\":\"bogus\"", "tool_choice")]
    [InlineData("\"parallel_tool_calls\":\"x\"", "parallel_tool_calls")]
    [InlineData("\"stream_options\":\"x\"", "stream_options")]
    [InlineData("\"stream_options\":{\"include_usage\":\"y\"}", "stream_options")]
    [InlineData("\"response_format\":\"json\"", "response_format")]
    [InlineData("\"response_format\":{\"type\":5}", "response_format")]
    [InlineData("\"response_format\":{\"type\":\"json_schema\"}", "response_format")]
    [InlineData("\"metadata\":5", "metadata")]
    [InlineData("\"metadata\":{\"a\":1}", "metadata")]
    [InlineData("\"logit_bias\":[1]", "logit_bias")]
    [InlineData("\"store\":\"x\"", "store")]
    public async Task A_field_of_the_wrong_type_is_a_400_naming_it(string field, string param)
    {
        using var response = await Gateway.Client.PostAsync("v1/chat/completions",
            HttpAssert.Json($$"""{"model":"m","messages":[{"role":"user","content":"x"}],{{field}}}"""));

        var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(param, (string?)error["param"]);
    }

    [Theory]
    [InlineData("""{"role":"user","name":5,"content":"x"}""", "messages[0].name")]
    [InlineData("""{"role":"tool","tool_call_id":7,"content":"x"}""", "messages[0].tool_call_id")]
    [InlineData("""{"role":"assistant","content":null,"tool_calls":5}""", "messages[0].tool_calls")]
    [InlineData("""{"role":"user","content":[{"text":"no type"}]}""", "messages[0].content[0].type")]
    [InlineData("""{"role":"user","content":[{"type":"text","text":5}]}""", "messages[0].content[0].text")]
    public async Task A_message_field_of_the_wrong_type_is_a_400_naming_it(string message, string param)
    {
        using var response = await Gateway.Client.PostAsync("v1/chat/completions",
            HttpAssert.Json($$"""{"model":"m","messages":[{{message}}]}"""));

        var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(param, (string?)error["param"]);
    }

    [Fact]
    public async Task Null_fields_other_content_parts_and_unknown_fields_still_pass()
    {
        await HttpAssert.PostOkAsync(Gateway.Client, "v1/chat/completions", """
            {"model":"fake-model","n":null,"temperature":null,"logprobs":null,"tools":null,"stream_options":null,
             "response_format":{"type":"json_object"},"max_tokens":2.0,"seed":-1,"stop":"END","tool_choice":"auto","future_field":"x",
             "messages":[{"role":"developer","content":"be brief"},
               {"role":"user","name":"carol","content":[{"type":"text","text":"hi"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]},
               {"role":"assistant","content":null,"refusal":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},
               {"role":"tool","tool_call_id":"c1","content":"done"}]}
            """);
    }

    [Fact]
    public async Task A_too_long_user_id_header_is_rejected()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = HttpAssert.Json("""{"model":"m","messages":[{"role":"user","content":"x"}]}"""),
        };
        request.Headers.Add("X-User-Id", new string('u', 257));
        using var response = await Gateway.Client.SendAsync(request);
        await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_bad_memory_context_header_is_rejected()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = HttpAssert.Json("""{"model":"m","messages":[{"role":"user","content":"x"}]}"""),
        };
        request.Headers.Add("X-Memory-Context", new string('c', 65));
        using var response = await Gateway.Client.SendAsync(request);
        var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_context", error["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413()
    {
        var big = new string('a', 70_000);
        using var response = await Gateway.Client.PostAsync("v1/chat/completions",
            HttpAssert.Json($$"""{"model":"m","messages":[{"role":"user","content":"{{big}}"}]}"""));
        var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("request_too_large", error["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_gets_413()
    {
        var big = new string('a', 70_000);
        var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes($$"""{"model":"m","messages":[{"role":"user","content":"{{big}}"}]}""")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await Gateway.Client.SendAsync(request);
        await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Deeply_nested_json_is_a_400_not_a_500()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        using var response = await Gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(deep));
        await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.BadRequest);
    }
}
