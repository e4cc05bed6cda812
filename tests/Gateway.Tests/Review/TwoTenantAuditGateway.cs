using System.Net.Http.Headers;

namespace Gateway.Tests.Review;

/// <summary>A fresh gateway (fake upstream, guardrails on, real SQLite files) with one key for each of two tenants,
/// acme and globex; chats whose answers carry PII produce audit events of the caller's tenant.</summary>
internal sealed class TwoTenantAuditGateway : IAsyncDisposable
{
    public const string AcmeKey = "key-audit-ids-acme-0001";
    public const string GlobexKey = "key-audit-ids-globex-0002";

    private readonly FakeOpenAIUpstream _upstream;

    private TwoTenantAuditGateway(FakeOpenAIUpstream upstream, TestGateway gateway)
    {
        _upstream = upstream;
        Gateway = gateway;
    }

    public TestGateway Gateway { get; }

    /// <summary>Starts the gateway; <paramref name="dataDirectory"/> may hold files written earlier (an old audit file).</summary>
    public static async Task<TwoTenantAuditGateway> StartAsync(string? dataDirectory = null)
    {
        var upstream = await FakeOpenAIUpstream.StartAsync();
        var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.BaseUrl,
            ["Auth:Keys:0:Key"] = AcmeKey,
            ["Auth:Keys:0:Id"] = "acme-app",
            ["Auth:Keys:0:Tenant"] = "acme",
            ["Auth:Keys:1:Key"] = GlobexKey,
            ["Auth:Keys:1:Id"] = "globex-app",
            ["Auth:Keys:1:Tenant"] = "globex",
        }, dataDirectory: dataDirectory);
        return new TwoTenantAuditGateway(upstream, gateway);
    }

    /// <summary>One chat whose answer is <paramref name="reply"/>; the output guard audits what it finds in it.</summary>
    public async Task ChatAsync(string key, string reply)
    {
        using var request = Request(HttpMethod.Post, "v1/chat/completions", key, new JsonObject
        {
            ["model"] = "fake-model",
            ["user"] = "someone",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"[[reply:{reply}]]" }),
        }.ToJsonString());
        using var response = await Gateway.Client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>One chat answering with <paramref name="count"/> e-mail addresses: <paramref name="count"/> events.</summary>
    public Task ChatWithEmailsAsync(string key, int count, string domain) =>
        ChatAsync(key, string.Join(", ", Enumerable.Range(0, count).Select(i => $"person{i}@{domain}.com")));

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, string? json = null)
    {
        using var request = Request(method, path, key, json);
        return await Gateway.Client.SendAsync(request);
    }

    public async Task<JsonNode> GetJsonAsync(string path, string key)
    {
        using var response = await SendAsync(HttpMethod.Get, path, key);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>The ids of <c>GET /v1/audit/events</c> (newest first).</summary>
    public async Task<List<long>> EventIdsAsync(string key, string query = "") =>
        (await GetJsonAsync("v1/audit/events" + query, key))["events"]!.AsArray().Select(e => e!["id"]!.GetValue<long>()).ToList();

    private static HttpRequestMessage Request(HttpMethod method, string path, string key, string? json)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (json is not null)
        {
            request.Content = HttpAssert.Json(json);
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }
}
