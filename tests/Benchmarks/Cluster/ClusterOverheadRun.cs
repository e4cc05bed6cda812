using System.Diagnostics;
using System.Text;
using Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TestDoubles.OpenAI;
using TestDoubles.Qdrant;

namespace Benchmarks.Cluster;

/// <summary><c>cluster-overhead [calls] [--redis host:port]</c>: what a replica of a cluster adds per personalized
/// request (the user's state read from Redis in one pipelined round trip) over a single process on the same store.
/// Two gateways on one loopback Qdrant, one with <c>Cluster:Redis</c>, called interleaved with the same chats of a
/// user with 200 memories (extraction off, so the cached index stays valid); reports p50/p99 of both and the ratio.
/// Without <c>--redis</c> it starts Debian's redis-server on a free port.</summary>
public static class ClusterOverheadRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var calls = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 2000;
        var redisArg = Array.IndexOf(args, "--redis") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        using var localRedis = redisArg is null ? await LocalRedisServer.StartAsync().ConfigureAwait(false) : null;
        var redis = redisArg ?? localRedis!.Configuration;
        await using var upstream = await FakeOpenAIUpstream.StartAsync().ConfigureAwait(false);
        await using var qdrant = await FakeQdrantServer.StartAsync(new FakeQdrantOptions { RequireIndexedFilterFields = false }).ConfigureAwait(false);

        var single = await StartAsync(upstream.BaseUrl, qdrant.Url, "single", redis: null).ConfigureAwait(false);
        var clustered = await StartAsync(upstream.BaseUrl, qdrant.Url, "clustered", redis).ConfigureAwait(false);
        try
        {
            using var client = new HttpClient();
            foreach (var app in new[] { single, clustered })
            {
                var mems = string.Join(",", Enumerable.Range(0, 200).Select(i => $$"""{"text":"Perf user fact {{i}}: likes topic {{i}} and subject {{i * 7 % 97}}.","confidence":0.8}"""));
                using var w = await client.PostAsync(Url(app) + "/v1/users/perf/memories", new StringContent($$"""{"memories":[{{mems}}]}""", Encoding.UTF8, "application/json")).ConfigureAwait(false);
                w.EnsureSuccessStatusCode();
            }

            var local = new List<double>(calls);
            var cluster = new List<double>(calls);
            for (var i = 0; i < calls + calls / 10; i++)
            {
                var s = await TimeAsync(client, Url(single), i).ConfigureAwait(false);
                var c = await TimeAsync(client, Url(clustered), i).ConfigureAwait(false);
                if (i >= calls / 10)
                {
                    local.Add(s);
                    cluster.Add(c);
                }
            }

            double P(List<double> xs, double p) => xs.Order().ElementAt((int)(p * (xs.Count - 1)));
            Console.WriteLine($"Cluster overhead: {calls} chats per gateway after {calls / 10} warm-up, interleaved; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            Console.WriteLine("| gateway | p50 | p99 |");
            Console.WriteLine("|---|---|---|");
            Console.WriteLine($"| single process (Qdrant) | {P(local, .5):0.00} ms | {P(local, .99):0.00} ms |");
            Console.WriteLine($"| replica (Qdrant + Redis) | {P(cluster, .5):0.00} ms | {P(cluster, .99):0.00} ms |");
            Console.WriteLine($"| added (ratio) | {P(cluster, .5) - P(local, .5):0.00} ms ({P(cluster, .5) / P(local, .5):0.00}x) | {P(cluster, .99) - P(local, .99):0.00} ms ({P(cluster, .99) / P(local, .99):0.00}x) |");
            return 0;
        }
        finally
        {
            foreach (var app in new[] { single, clustered })
            {
                await app.StopAsync().ConfigureAwait(false);
                await app.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static string Url(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    private static async Task<double> TimeAsync(HttpClient client, string gateway, int i)
    {
        var body = $$"""{"model":"fake-model","user":"perf","messages":[{"role":"user","content":"Tell me about topic {{i % 200}} please"}]}""";
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync(gateway + "/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json")).ConfigureAwait(false);
        await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task<WebApplication> StartAsync(string upstream, Uri qdrant, string name, string? redis)
    {
        var root = Directory.GetCurrentDirectory();
        var data = Directory.CreateTempSubdirectory("cluster-overhead-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Prompts:Directory"] = Path.Combine(root, "prompts"),
            ["Storage:Directory"] = data,
            ["Upstream:BaseUrl"] = upstream,
            ["Memory:Embedder"] = "hash",
            ["Memory:Extraction:Mode"] = "off",
            ["Memory:Store"] = "qdrant",
            ["Memory:Qdrant:Url"] = qdrant.ToString(),
            ["Memory:Qdrant:CollectionPrefix"] = name,
            ["Guardrails:PseudonymKey"] = "cluster-overhead-benchmark-secret",
        };
        if (redis is not null)
        {
            settings["Cluster:Redis"] = redis;
            settings["Cluster:KeyPrefix"] = name + Guid.NewGuid().ToString("N")[..8];
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = root, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddGateway();
        var app = builder.Build();
        app.MapGateway();
        await app.StartAsync().ConfigureAwait(false);
        return app;
    }
}
