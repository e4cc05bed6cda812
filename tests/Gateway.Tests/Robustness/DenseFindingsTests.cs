using System.Diagnostics;
using System.Text;

namespace Gateway.Tests.Robustness;

/// <summary>A text dense with findings (every other word an e-mail address) is checked in time linear in its size.
/// The contract audit found the audit excerpts quadratic: each finding's excerpt looked at every sensitive span of the
/// text, so 32,000 addresses (600 KB, far under the body limit) held a request for 20 s, and twice as many four times as long.
/// Measured as a ratio against a quarter of the text in the same run (the machine is shared): linear is about 4x,
/// quadratic 16x; each size is sent twice and the faster time kept.</summary>
public sealed class DenseFindingsTests
{
    [Fact]
    public async Task Four_times_the_addresses_take_about_four_times_as_long_not_sixteen()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        // A generous check budget: the e-mail check must finish (past its budget it fails closed with one finding).
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.BaseUrl,
            ["Guardrails:CheckTimeoutMilliseconds"] = "60000",
        });
        await HttpAssert.PostOkAsync(gateway.Client, "v1/chat/completions", """{"model":"fake-model","messages":[{"role":"user","content":"warm up a@b.co"}]}""");

        var quarter = await FastestAsync(gateway, 15_000);
        var whole = await FastestAsync(gateway, 60_000);

        var ratio = whole.TotalMilliseconds / Math.Max(1, quarter.TotalMilliseconds);
        Assert.True(ratio < 9, $"15,000 addresses {quarter.TotalSeconds:0.00} s, 60,000 {whole.TotalSeconds:0.00} s: {ratio:0.0}x");
    }

    private static async Task<TimeSpan> FastestAsync(TestGateway gateway, int addresses)
    {
        var text = new StringBuilder();
        for (var i = 0; i < addresses; i++)
        {
            text.Append("user").Append(i).Append("@example.com ");
        }

        var body = new JsonObject
        {
            ["model"] = "fake-model",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text.ToString() + "[[reply:ok]]" }),
        }.ToJsonString();
        var fastest = TimeSpan.MaxValue;
        for (var round = 0; round < 2; round++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(body));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            fastest = clock.Elapsed < fastest ? clock.Elapsed : fastest;
        }

        return fastest;
    }
}
