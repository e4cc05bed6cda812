using Gateway.Tests.MemoryApi;
using Memory.WriteBack;

namespace Gateway.Tests.Latency;

/// <summary>Write-back gives way to calls: every call counts as in flight until its answer is written, and a turn's
/// write-back waits (up to <c>Memory:WriteBack:YieldToRequests</c> per step) for a moment with none.</summary>
public sealed class WriteBackGivesWayTests
{
    [Fact]
    public async Task An_observation_is_written_back_once_the_call_in_flight_has_answered()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.BaseUrl,
            ["Memory:Extraction:Mode"] = "heuristic",
            ["Memory:WriteBack:QuietPeriod"] = "00:00:00",
            ["Memory:WriteBack:YieldToRequests"] = "00:00:10",
        }, GatedGuardrailPipeline.Install);
        var activity = gateway.Services.GetRequiredService<RequestActivity>();
        var guard = GatedGuardrailPipeline.Of(gateway);
        var api = new MemoryApiClient(gateway.Client);
        var user = MemoryGatewayFixture.NewUser("giveway");
        Assert.Equal(0, activity.InFlight);

        guard.Arm("held call marker");
        var held = gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(new JsonObject
        {
            ["model"] = "fake-model",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "This is the held call marker." }),
        }.ToJsonString()));
        await guard.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, activity.InFlight);

        using (var observed = await gateway.Client.PostAsync($"v1/users/{user}/observations",
            HttpAssert.Json(new JsonObject { ["text"] = "The user lives in Porto.", ["context"] = "search" }.ToJsonString())))
        {
            Assert.True(observed.IsSuccessStatusCode, $"observation: {(int)observed.StatusCode}");
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(await api.TextsAsync(user)); // the worker waits for the held call

        guard.Release();
        using (var answered = await held)
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        for (var i = 0; i < 100 && activity.InFlight > 0; i++)
        {
            await Task.Delay(50); // the call counts out just after its last byte
        }

        Assert.Equal(0, activity.InFlight);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await gateway.Services.GetRequiredService<IWriteBackMonitor>().WhenIdleAsync(cts.Token);
        Assert.Contains(await api.TextsAsync(user), t => t.Contains("Porto", StringComparison.Ordinal));
    }
}
