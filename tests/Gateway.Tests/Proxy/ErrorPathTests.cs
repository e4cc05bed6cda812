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
