namespace Gateway.Tests.Guarding;

/// <summary>The per-request audit allowance (<c>Guardrails:MaxAuditEventsPerRequest</c>) is counted per call, by
/// the gateway's own id: a caller that reuses another call's <c>X-Request-Id</c> (the isolation audit of the eighth
/// session) cannot silence the audit of someone else's call, and direct writes do not share one allowance.</summary>
public sealed class AuditAllowanceTests
{
    private static async Task<JsonArray> EventsAsync(TestGateway gateway, string user) =>
        JsonNode.Parse(await gateway.Client.GetStringAsync($"v1/audit/events?userId={user}&limit=100"))!["events"]!.AsArray();

    [Fact]
    public async Task A_reused_request_id_does_not_spend_another_calls_allowance()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.BaseUrl,
            ["Guardrails:MaxAuditEventsPerRequest"] = "3",
        });
        var flood = string.Join(" ", Enumerable.Range(0, 8).Select(i => $"person{i}@example.com"));

        foreach (var (user, content) in new[] { ("flooder", flood), ("victim", "mail me at victim.two@example.com") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
            {
                Content = HttpAssert.Json(new JsonObject
                {
                    ["model"] = "fake-model",
                    ["user"] = user,
                    ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = content }),
                }.ToJsonString()),
            };
            request.Headers.Add("X-Request-Id", "same-id-1");
            using var response = await gateway.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(4, (await EventsAsync(gateway, "flooder")).Count); // 3 findings and the capped notice
        Assert.Contains(await EventsAsync(gateway, "victim"), e => e!["rule"]!.GetValue<string>() == "pii.email");
    }

    [Fact]
    public async Task Direct_writes_do_not_share_one_allowance()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.BaseUrl,
            ["Guardrails:MaxAuditEventsPerRequest"] = "2",
        });

        for (var i = 0; i < 4; i++)
        {
            using var write = await gateway.Client.PostAsync($"v1/users/writer{i}/memories", HttpAssert.Json(
                $$"""{"memories":[{"text":"My work mail is writer{{i}}@example.com."}]}"""));
            Assert.True(write.IsSuccessStatusCode, await write.Content.ReadAsStringAsync());
        }

        for (var i = 0; i < 4; i++)
        {
            Assert.Contains(await EventsAsync(gateway, $"writer{i}"), e => e!["rule"]!.GetValue<string>() == "pii.email");
        }
    }
}
