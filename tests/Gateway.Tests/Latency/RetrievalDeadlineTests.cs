using System.Diagnostics.Metrics;
using Gateway.Diagnostics;
using Gateway.Tests.MemoryApi;
using Memory.Retrieval;

namespace Gateway.Tests.Latency;

/// <summary>Memory never stalls a call: with the embedder blocked, a personalized chat answers past the retrieval
/// deadline with the lexical memories injected, the miss shows in metrics and on <c>/healthz</c>, and the late
/// embedding, once the embedder is released, fills the cache for the next identical query.</summary>
public sealed class RetrievalDeadlineTests
{
    private const string Question = "What should I practise on the cello this week?";

    private static HttpRequestMessage Chat(string user, string text) => new(HttpMethod.Post, "v1/chat/completions")
    {
        Content = HttpAssert.Json(new JsonObject
        {
            ["model"] = "fake-model",
            ["user"] = user,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
        }.ToJsonString()),
    };

    private static string SystemPrompt(RecordedRequest request) =>
        request.Json!["messages"]!.AsArray().First(m => m!["role"]!.GetValue<string>() == "system")!["content"]!.GetValue<string>();

    /// <summary>A deadline no embedding that is not held misses even on a loaded test machine (the default 40 ms
    /// was missed now and then by an unblocked one there, counting a second miss), while a held one still does.</summary>
    private const string LoadProofDeadline = "400";

    [Fact]
    public async Task A_personalized_chat_goes_on_with_lexical_memories_while_the_embedder_is_blocked()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.BaseUrl,
            ["Memory:Retrieval:DeadlineMilliseconds"] = LoadProofDeadline,
        }, BlockingEmbeddingGenerator.Install());
        var user = MemoryGatewayFixture.NewUser("deadline");
        var api = new MemoryApiClient(gateway.Client);
        (await api.WriteAsync(user,
            new JsonObject { ["text"] = "The user plays the cello in a community orchestra." },
            new JsonObject { ["text"] = "The user is vegetarian." })).Expect(HttpStatusCode.OK);

        var misses = new List<string>();
        using var listener = Listen(gateway, misses);
        var model = BlockingEmbeddingGenerator.Of(gateway);
        model.Arm("cello this week");
        var admitted = gateway.Services.GetRequiredService<RetrievalDeadline>().AdmissionLimit;

        using (var answered = await gateway.Client.SendAsync(Chat(user, Question)))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        // The call completed while the embedder was still blocked, with the lexical match injected.
        Assert.True(model.IsHeld);
        Assert.Contains("cello in a community orchestra", SystemPrompt(upstream.ChatRequests.Last()), StringComparison.Ordinal);
        var deadline = gateway.Services.GetRequiredService<RetrievalDeadline>();
        Assert.Equal(1, deadline.Misses);
        lock (misses)
        {
            Assert.Equal(["deadline"], misses);
        }

        var health = JsonNode.Parse(await gateway.Client.GetStringAsync("healthz"))!;
        Assert.Equal("degraded", health["status"]!.GetValue<string>());
        Assert.Contains("retrieval deadline", health["checks"]!["retrieval"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("embedded at once", health["checks"]!["retrieval"]!.GetValue<string>(), StringComparison.Ordinal);

        // Released, the late embedding finishes in the background and fills the cache: the same question is then
        // answered without computing its embedding again, and within the deadline.
        model.Release();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (deadline.LateInFlight > 0)
        {
            await Task.Delay(10, cts.Token);
        }

        // It came late: adaptive admission now lets fewer query embeddings run at once.
        while (deadline.AdmissionLimit >= admitted && deadline.InFlight > 0)
        {
            await Task.Delay(10, cts.Token);
        }

        Assert.True(deadline.AdmissionLimit < admitted, $"{deadline.AdmissionLimit} >= {admitted}");

        using (var again = await gateway.Client.SendAsync(Chat(user, Question)))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        Assert.Single(model.Computed, t => t.Contains("cello this week", StringComparison.Ordinal));
        Assert.Equal(1, deadline.Misses);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the query's embedding starts with the request (prefetch): a refused one is still one miss
    public async Task A_stuck_embedder_piles_up_no_more_than_the_late_embeddings_allowed(bool inProcess)
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.BaseUrl,
            ["Memory:Retrieval:MaxLateEmbeddings"] = "1",
            ["Memory:Retrieval:DeadlineMilliseconds"] = LoadProofDeadline,
        }, BlockingEmbeddingGenerator.Install(inProcess));
        var user = MemoryGatewayFixture.NewUser("stuck");
        (await new MemoryApiClient(gateway.Client).WriteAsync(user, new JsonObject { ["text"] = "The user plays the cello." })).Expect(HttpStatusCode.OK);
        var model = BlockingEmbeddingGenerator.Of(gateway);
        model.Arm("cello this week");

        using (var first = await gateway.Client.SendAsync(Chat(user, Question)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // The one late embedding allowed is still stuck: the next call does not start another.
        using (var second = await gateway.Client.SendAsync(Chat(user, "And what about the cello next week?")))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        var deadline = gateway.Services.GetRequiredService<RetrievalDeadline>();
        Assert.Equal(1, deadline.LateInFlight);
        Assert.Equal(2, deadline.Misses);
        Assert.DoesNotContain(model.Computed, t => t.Contains("next week", StringComparison.Ordinal));
        Assert.Equal(2, upstream.ChatCalls);
        model.Release();
    }

    [Fact]
    public async Task Without_a_deadline_the_call_waits_for_the_embedding()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.BaseUrl,
            ["Memory:Retrieval:DeadlineMilliseconds"] = "0",
        }, BlockingEmbeddingGenerator.Install());
        var user = MemoryGatewayFixture.NewUser("nodeadline");
        (await new MemoryApiClient(gateway.Client).WriteAsync(user, new JsonObject { ["text"] = "The user plays the cello." })).Expect(HttpStatusCode.OK);
        var model = BlockingEmbeddingGenerator.Of(gateway);
        model.Arm("cello this week");

        var chat = gateway.Client.SendAsync(Chat(user, Question));
        await model.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, upstream.ChatCalls);
        model.Release();
        using (var answered = await chat)
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        Assert.Equal(1, upstream.ChatCalls);
        Assert.Equal(0, gateway.Services.GetRequiredService<RetrievalDeadline>().Misses);
        Assert.Equal("ok", JsonNode.Parse(await gateway.Client.GetStringAsync("healthz"))!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("60001")]
    public async Task A_bad_deadline_stops_start_up_naming_the_key(string value)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = "echo:",
            ["Memory:Retrieval:DeadlineMilliseconds"] = value,
        }));
        Assert.Contains("Memory:Retrieval:DeadlineMilliseconds", error.Message, StringComparison.Ordinal);
    }

    private static MeterListener Listen(TestGateway gateway, List<string> reasons)
    {
        var factory = gateway.Services.GetRequiredService<IMeterFactory>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == RetrievalDeadlineMetrics.InstrumentName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    lock (reasons)
                    {
                        reasons.Add((string)tag.Value!);
                    }
                }
            }
        });
        listener.Start();
        return listener;
    }
}
