using System.Diagnostics;
using System.Text;

namespace Gateway.Tests.Robustness;

/// <summary>A text dense with findings (every other word an e-mail address) is checked in time linear in its size.
/// The contract audit found the audit excerpts quadratic: each finding's excerpt looked at every sensitive span of the
/// text, so 32,000 addresses (600 KB, far under the body limit) held a request for 20 s, and twice as many four times as long.</summary>
public sealed class DenseFindingsTests
{
    [Fact]
    public async Task Sixty_thousand_addresses_are_checked_in_seconds_not_minutes()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        // A generous check budget: the e-mail check must finish (past its budget it fails closed with one finding).
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.BaseUrl,
            ["Guardrails:CheckTimeoutMilliseconds"] = "60000",
        });
        await HttpAssert.PostOkAsync(gateway.Client, "v1/chat/completions", """{"model":"fake-model","messages":[{"role":"user","content":"warm up a@b.co"}]}""");
        var text = new StringBuilder();
        for (var i = 0; i < 60_000; i++)
        {
            text.Append("user").Append(i).Append("@example.com ");
        }

        var body = new JsonObject
        {
            ["model"] = "fake-model",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text.ToString() + "[[reply:ok]]" }),
        };
        var clock = Stopwatch.StartNew();
        using var response = await gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(body.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
