using Gateway.Tests.Proxy;

namespace Gateway.Tests.Contract;

/// <summary>Methods on known and unknown paths: every GET endpoint answers HEAD as GET without the body; a known path
/// asked with a method it does not take is a 405 naming the allowed ones in <c>Allow</c> and in OpenAI's error shape
/// (a 404 before, as if the path did not exist); <c>OPTIONS</c> on a known path is a 204 with <c>Allow</c>; an unknown
/// path stays a 404 in the same shape.</summary>
public sealed class MethodTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Theory]
    [InlineData("v1/users/head-user/memories")]
    [InlineData("v1/users/head-user/export")]
    [InlineData("v1/users/head-user/consent")]
    [InlineData("v1/audit/events")]
    [InlineData("v1/audit/verify")]
    [InlineData("v1/prompts")]
    public async Task HEAD_on_every_GET_endpoint_answers_like_GET_without_a_body(string path)
    {
        using var get = await fixture.Gateway.Client.GetAsync(path);
        using var head = await fixture.Gateway.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("DELETE", "v1/models", "GET, HEAD, OPTIONS")]
    [InlineData("POST", "v1/models", "GET, HEAD, OPTIONS")]
    [InlineData("GET", "v1/chat/completions", "OPTIONS, POST")]
    [InlineData("PUT", "v1/responses", "OPTIONS, POST")]
    [InlineData("PUT", "v1/users/u1/memories", "GET, HEAD, OPTIONS, POST")]
    [InlineData("POST", "v1/users/u1/memories/m1", "DELETE, GET, HEAD, OPTIONS, PATCH")]
    [InlineData("POST", "v1/users/u1", "DELETE, OPTIONS")]
    [InlineData("DELETE", "v1/users/u1/consent", "GET, HEAD, OPTIONS, PUT")]
    [InlineData("POST", "healthz", "GET, HEAD, OPTIONS")]
    public async Task A_method_a_known_path_does_not_take_is_a_405_with_Allow(string method, string path, string allow)
    {
        using var response = await fixture.Gateway.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Equal("method_not_allowed", (string?)error["code"]);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
    }

    [Fact]
    public async Task A_wrong_method_on_messages_is_a_405_in_Anthropics_shape()
    {
        using var response = await fixture.Gateway.Client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "v1/messages"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("error", (string?)body["type"]);
    }

    [Theory]
    [InlineData("v1/models", "GET, HEAD, OPTIONS")]
    [InlineData("v1/chat/completions", "OPTIONS, POST")]
    [InlineData("v1/users/u1/memories", "GET, HEAD, OPTIONS, POST")]
    public async Task OPTIONS_on_a_known_path_is_a_204_with_Allow(string path, string allow)
    {
        using var response = await fixture.Gateway.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, path));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("GET", "v1/no-such-thing")]
    [InlineData("OPTIONS", "v1/no-such-thing")]
    [InlineData("DELETE", "v1/audit/events/not-a-number")]
    [InlineData("GET", "v1/audit/events/not-a-number")]
    [InlineData("GET", "no-such-page")]
    public async Task An_unknown_path_is_a_404_in_OpenAIs_shape(string method, string path)
    {
        using var response = await fixture.Gateway.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("not_found", (string?)error["code"]);
    }
}
