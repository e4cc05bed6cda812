using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Gateway.Diagnostics;
using Gateway.Hosting.WarmUp;
using Gateway.Tests.Latency;
using Gateway.Tests.MemoryApi;
using Memory.Retrieval;
using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Hosting;

/// <summary>The request-path warm-up: the gateway calls itself over loopback HTTP through the whole pipeline before
/// health says it serves, as a scratch user of a tenant no key reaches, against its built-in upstream only, and
/// leaves nothing behind.</summary>
public sealed class RequestPathWarmUpTests
{
    /// <summary>The first personalized warm-up question (round 0); see <see cref="RequestPathWarmUp"/>.</summary>
    private const string FirstWarmUpQuestion = "subject 0 and topic 0?";

    [Fact]
    public async Task Health_says_starting_until_the_warm_up_is_over_and_no_warm_up_call_reaches_the_configured_upstream()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.BaseUrl,
            ["WarmUp:Rounds"] = "20",
            // Consolidation by the LLM: the warm-up's turns are written back, and their LLM calls must not leave either.
            ["Memory:Extraction:Mode"] = "llm",
            // Keys on: warm-up calls need none, and an outsider's call still does.
            ["Auth:Keys:0:Key"] = "sk-app-key-1",
            ["Auth:Keys:0:Tenant"] = "acme",
        }, BlockingEmbeddingGenerator.Install(inProcess: true, armed: "Warm-up fact"));
        var model = BlockingEmbeddingGenerator.Of(gateway);
        await model.Entered.WaitAsync(TimeSpan.FromSeconds(30));

        // Held in its first call (writing the scratch user's memories): not serving yet.
        foreach (var path in new[] { "healthz", "readyz" })
        {
            using var starting = await gateway.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, starting.StatusCode);
            var body = JsonNode.Parse(await starting.Content.ReadAsStringAsync())!;
            Assert.Equal("starting", body["status"]!.GetValue<string>());
            Assert.Equal("running", body["checks"]!["warmUp"]!.GetValue<string>());
        }

        // A request with a made-up token is an ordinary one: no key, 401; the built-in upstream answers nobody else.
        using (var forged = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = HttpAssert.Json("""{"model":"fake-model","messages":[{"role":"user","content":"hi"}]}""") })
        {
            forged.Headers.Add(WarmUpGate.Header, new string('A', 64));
            using var answer = await gateway.Client.SendAsync(forged);
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        }

        using (var outsider = new HttpRequestMessage(HttpMethod.Post, WarmUpGate.UpstreamPath.TrimStart('/') + "/v1/chat/completions") { Content = HttpAssert.Json("{}") })
        {
            outsider.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", new string('A', 64));
            using var answer = await gateway.Client.SendAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        }

        model.Release();
        await WaitServingAsync(gateway);

        var report = gateway.Services.GetRequiredService<WarmUpGate>().Report!;
        Assert.Null(report.Skipped);
        Assert.Equal(0, report.Failed);
        Assert.True(report.Calls > 2 * 20, $"{report.Calls} calls");
        // Only the start-up's models listing (WarmUpService, before the server listens) reached the upstream.
        Assert.Empty(upstream.ChatRequests);
        Assert.All(upstream.Requests, r => Assert.Equal("/v1/models", r.Path));

        // The scratch user was erased: no memory, history or pending turn is left in the store's files.
        await using (var memory = new SqliteConnection($"Data Source={Path.Combine(gateway.DataDirectory, "memory.db")};Mode=ReadOnly;Pooling=False"))
        {
            await memory.OpenAsync();
            Assert.Equal(0L, await CountAsync(memory, "memories"));
            Assert.Equal(0L, await CountAsync(memory, "history"));
        }

        await using (var outbox = new SqliteConnection($"Data Source={Path.Combine(gateway.DataDirectory, "writeback-outbox.db")};Mode=ReadOnly;Pooling=False"))
        {
            await outbox.OpenAsync();
            Assert.Equal(0L, await CountAsync(outbox, "outbox"));
        }

        // Serving: the app's own calls go to its upstream as ever.
        using var chat = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = HttpAssert.Json("""{"model":"fake-model","messages":[{"role":"user","content":"hi"}]}""") };
        chat.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sk-app-key-1");
        using (var served = await gateway.Client.SendAsync(chat))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }

        Assert.Single(upstream.ChatRequests);
    }

    [Fact]
    public async Task Deadline_misses_of_the_warm_up_are_neither_counted_nor_reported_but_later_ones_are()
    {
        var measured = new ConcurrentQueue<(object? Scope, string Reason)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == RetrievalDeadlineMetrics.InstrumentName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    measured.Enqueue((instrument.Meter.Scope, (string)tag.Value!));
                }
            }
        });
        listener.Start();

        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.BaseUrl,
            ["WarmUp:Rounds"] = "10",
            ["Memory:Retrieval:MaxLateEmbeddings"] = "1",
        }, BlockingEmbeddingGenerator.Install(inProcess: true, armed: FirstWarmUpQuestion));
        var model = BlockingEmbeddingGenerator.Of(gateway);
        try
        {
            // The warm-up's first personalized question is stuck in the model: that call and, with one late
            // embedding allowed, every later warm-up call miss the deadline.
            await WaitServingAsync(gateway);
            var deadline = gateway.Services.GetRequiredService<RetrievalDeadline>();
            Assert.True(model.IsHeld);
            Assert.True(deadline.Misses >= 10, $"{deadline.Misses} misses");
            var factory = gateway.Services.GetRequiredService<IMeterFactory>();
            Assert.DoesNotContain(measured, m => ReferenceEquals(m.Scope, factory));
            var health = JsonNode.Parse(await gateway.Client.GetStringAsync("healthz"))!;
            Assert.Equal("ok", health["status"]!.GetValue<string>());

            // An app's call now misses too (the stuck embedding is still the one allowed): counted and reported.
            var user = MemoryGatewayFixture.NewUser("after-warm-up");
            using (var chat = await gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(new JsonObject
            {
                ["model"] = "fake-model",
                ["user"] = user,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "What do I play?" }),
            }.ToJsonString())))
            {
                Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
            }

            Assert.Contains(measured, m => ReferenceEquals(m.Scope, factory) && m.Reason == "backlog");
            health = JsonNode.Parse(await gateway.Client.GetStringAsync("healthz"))!;
            Assert.Equal("degraded", health["status"]!.GetValue<string>());
            Assert.StartsWith("1 query embeddings missed", health["checks"]!["retrieval"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        finally
        {
            model.Release();
        }
    }

    [Fact]
    public async Task With_an_embedder_outside_the_process_the_warm_up_sends_it_no_text()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.BaseUrl,
            ["Memory:Embedder"] = "openai",
            ["WarmUp:Rounds"] = "16",
        });
        await WaitServingAsync(gateway);

        var report = gateway.Services.GetRequiredService<WarmUpGate>().Report!;
        Assert.Null(report.Skipped);
        Assert.Equal(0, report.Failed);
        // No user on any call: the plain chats of 16 rounds and the Responses and Messages calls among them.
        Assert.InRange(report.Calls, 16, 2 * 16 - 1);
        Assert.DoesNotContain(upstream.Requests, r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal)
            && (r.RawBody.Contains("Warm-up", StringComparison.Ordinal) || r.RawBody.Contains("What do I like", StringComparison.Ordinal)));
        Assert.Empty(upstream.ChatRequests);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://0.0.0.0:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://+:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://*:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://localhost:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://[::]:5000", "http://[::1]:5000/")]
    [InlineData("http://[::1]:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://10.1.2.3:8080", "http://10.1.2.3:8080/")]
    [InlineData("https://127.0.0.1:5001", null)]
    [InlineData("http://unix:/run/gateway.sock", null)]
    public void The_warm_up_calls_the_first_http_address_as_this_process_reaches_it(string address, string? expected) =>
        Assert.Equal(expected, RequestPathWarmUp.LoopbackAddress([address])?.ToString());

    [Fact]
    public void An_https_only_server_is_reached_at_its_http_address_when_it_has_one() =>
        Assert.Equal("http://127.0.0.1:8080/", RequestPathWarmUp.LoopbackAddress(["https://0.0.0.0:8443", "http://0.0.0.0:8080"])?.ToString());

    [Fact]
    public async Task Upstream_names_starting_with_a_tilde_are_kept_for_the_warm_up()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = "echo:",
            ["Upstream:Name"] = "~warm-up",
        }));
        Assert.Contains("starts with '~'", error.Message, StringComparison.Ordinal);
    }

    private static async Task WaitServingAsync(TestGateway gateway)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            using var health = await gateway.Client.GetAsync("healthz", cts.Token);
            if (health.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(50, cts.Token);
        }
    }

    private static async Task<long> CountAsync(SqliteConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
