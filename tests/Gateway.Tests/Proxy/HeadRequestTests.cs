namespace Gateway.Tests.Proxy;

/// <summary>Clients and load balancers probe with HEAD: the model list, one model and the health endpoints answer it
/// as they answer GET (status and headers), without a body.</summary>
public sealed class HeadRequestTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Theory]
    [InlineData("v1/models")]
    [InlineData("v1/models/fake-model")]
    [InlineData("healthz")]
    [InlineData("readyz")]
    public async Task HEAD_answers_like_GET_without_a_body(string path)
    {
        using var get = await fixture.Gateway.Client.GetAsync(path);
        using var head = await fixture.Gateway.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await get.Content.ReadAsByteArrayAsync());
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }
}
