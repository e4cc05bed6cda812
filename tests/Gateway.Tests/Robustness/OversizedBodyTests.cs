using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Gateway.Tests.Robustness;

/// <summary>A body over <c>Limits:MaxRequestBytes</c> gets its 413 even from a client that writes the whole body
/// before it reads the answer (Node's HTTP client and the SDKs built on it, .NET's HttpClient): the gateway reads and
/// discards the rest of the body (up to a bound) instead of closing the connection mid-upload, which the client saw
/// as a broken pipe, a connection error it retried, never the 413.</summary>
public sealed class OversizedBodyTests
{
    public static TheoryData<string, bool> Cases() => new()
    {
        { "v1/chat/completions", true },
        { "v1/chat/completions", false },
        { "v1/responses", true },
        { "v1/messages", false },
        { "v1/users/big/memories", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_body_far_over_the_limit_is_answered_413_not_a_broken_connection(string path, bool contentLength)
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.BaseUrl,
            ["Limits:MaxRequestBytes"] = "262144",
        });
        // 6 MB: far more than the socket buffers hold, so the client is still writing when the gateway answers.
        var text = new string('a', 6_000_000);
        var json = path.Contains("memories", StringComparison.Ordinal)
            ? $$"""{"text":"{{text}}"}"""
            : path.EndsWith("messages", StringComparison.Ordinal)
                ? $$"""{"model":"fake-model","max_tokens":10,"messages":[{"role":"user","content":"{{text}}"}]}"""
                : path.EndsWith("responses", StringComparison.Ordinal)
                    ? $$"""{"model":"fake-model","input":"{{text}}"}"""
                    : $$"""{"model":"fake-model","messages":[{"role":"user","content":"{{text}}"}]}""";
        HttpContent content = contentLength
            ? new ByteArrayContent(Encoding.UTF8.GetBytes(json))
            : new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json))); // no length known up front: chunked
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (!contentLength)
        {
            content.Headers.ContentLength = null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        using var response = await gateway.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("262144", body, StringComparison.Ordinal); // names the configured limit
        Assert.Empty(upstream.ChatRequests);
    }
}
