using Memory.WriteBack;

namespace Gateway.Tests.Cluster;

/// <summary>The HTTP calls the cluster tests make against either replica.</summary>
internal static class ReplicaCalls
{
    public static async Task WriteAsync(TestGateway gateway, string user, params string[] texts)
    {
        var memories = new JsonArray([.. texts.Select(t => (JsonNode)new JsonObject { ["text"] = t })]);
        using var response = await gateway.Client.PostAsync($"v1/users/{user}/memories", HttpAssert.Json(new JsonObject { ["memories"] = memories }.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Texts the replica's search returns for the query (through its per-user index cache).</summary>
    public static async Task<List<string>> SearchAsync(TestGateway gateway, string user, string query)
    {
        using var response = await gateway.Client.PostAsync($"v1/users/{user}/memories/search", HttpAssert.Json(new JsonObject { ["query"] = query }.ToJsonString()));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return [.. JsonNode.Parse(body)!["results"]!.AsArray().Select(r => (string)r!["text"]!)];
    }

    /// <summary>Current memory texts in the shared store.</summary>
    public static async Task<List<string>> ListAsync(TestGateway gateway, string user) =>
        [.. JsonNode.Parse(await gateway.Client.GetStringAsync($"v1/users/{user}/memories?includeSuperseded=true"))!["memories"]!.AsArray()
            .Select(m => (string)m!["text"]!)];

    public static async Task<HttpStatusCode> EraseAsync(TestGateway gateway, string user)
    {
        using var response = await gateway.Client.DeleteAsync($"v1/users/{user}");
        return response.StatusCode;
    }

    /// <summary>A chat through the echo upstream: the answer is what the upstream received, memory block included.</summary>
    public static HttpRequestMessage Chat(string user, string text)
    {
        return new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = HttpAssert.Json(new JsonObject
            {
                ["model"] = "echo",
                ["user"] = user,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
            }.ToJsonString()),
        };
    }

    public static async Task<string> ChatAsync(TestGateway gateway, string user, string text)
    {
        using var response = await gateway.Client.SendAsync(Chat(user, text));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return body;
    }

    /// <summary>What the replica would send upstream for the chat (memory block included), without calling it.</summary>
    public static async Task<string> PreviewAsync(TestGateway gateway, string user, string text)
    {
        using var request = Chat(user, text);
        request.RequestUri = new Uri("v1/prompts/preview", UriKind.Relative);
        using var response = await gateway.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return body;
    }

    public static async Task WaitIdleAsync(params TestGateway[] gateways)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (var gateway in gateways)
        {
            await gateway.Services.GetRequiredService<IWriteBackMonitor>().WhenIdleAsync(cts.Token);
        }
    }

    public static string NewUser(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
