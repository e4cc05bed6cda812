using System.Diagnostics;
using System.Text;
using Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TestDoubles.OpenAI;

namespace Benchmarks.Overhead;

/// <summary>Load run: the latency the gateway adds over calling the same fake upstream directly. Interleaved
/// (direct, gateway, direct, ...), one keep-alive client, a different question each call; reports p50/p99 of both
/// and their difference. Run: <c>dotnet run -c Release --project tests/Benchmarks -- overhead [calls] [responses]</c> (<c>responses</c>: only the
/// chat and Responses API pairs); <c>overhead load</c> is the
/// concurrent load run (<see cref="LoadRun"/>), <c>overhead floor</c> the pure proxy beside a minimal forwarding
/// proxy (<see cref="FloorRun"/>), <c>overhead floor-server</c> that minimal proxy as its own process, <c>overhead stages</c> the
/// pure proxy path's pieces one by one (<see cref="StagesRun"/>), <c>overhead stages-personalized</c> the personalized
/// path's (<see cref="PersonalizedStagesRun"/>).</summary>
public static class OverheadRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 1 && args[1] == "load")
        {
            return await LoadRun.RunAsync(args[2..]).ConfigureAwait(false);
        }

        if (args.Length > 1 && args[1] == "floor")
        {
            return await FloorRun.RunAsync(args[2..]).ConfigureAwait(false);
        }

        if (args.Length > 1 && args[1] == "stages-personalized")
        {
            return await PersonalizedStagesRun.RunAsync(args[2..]).ConfigureAwait(false);
        }

        if (args.Length > 1 && args[1] == "stages")
        {
            return await StagesRun.RunAsync(args[2..]).ConfigureAwait(false);
        }

        if (args.Length > 1 && args[1] == "floor-server")
        {
            return await ProxyFloor.ServeAsync(args[2..]).ConfigureAwait(false);
        }

        var calls = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 2000;
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        // The Responses and Messages scenarios call the gateway's /v1/responses and /v1/messages (translated to chat for
        // the same upstream); their direct baseline is the same chat call, so their added latency beside the chat
        // scenario of the same path is the translation's cost. "overhead N responses|messages" runs only those pairs.
        var scenarios = new (string Name, Dictionary<string, string?> Settings, bool User, bool Stream, string Api)[]
        {
            ("proxy only (no user)", new() { ["Memory:Embedder"] = "hash" }, false, false, "chat"),
            ("proxy only (no user), Responses API", new() { ["Memory:Embedder"] = "hash" }, false, false, "responses"),
            ("proxy only (no user), Messages API", new() { ["Memory:Embedder"] = "hash" }, false, false, "messages"),
            ("proxy only, streamed", new() { ["Memory:Embedder"] = "hash" }, false, true, "chat"),
            ("proxy only, streamed, Responses API", new() { ["Memory:Embedder"] = "hash" }, false, true, "responses"),
            ("proxy only, streamed, Messages API", new() { ["Memory:Embedder"] = "hash" }, false, true, "messages"),
            ("user, 200 memories, hash embedder", new() { ["Memory:Embedder"] = "hash" }, true, false, "chat"),
            ("user, 200 memories, hash embedder, Responses API", new() { ["Memory:Embedder"] = "hash" }, true, false, "responses"),
            ("user, 200 memories, hash embedder, Messages API", new() { ["Memory:Embedder"] = "hash" }, true, false, "messages"),
            ("user, 200 memories, minilm embedder", new() { ["Memory:Embedder"] = "minilm" }, true, false, "chat"),
        };
        if (args.Length > 2 && args[2] is "responses" or "messages")
        {
            // Only the chat pairs of that API, with the hash embedder.
            var api = args[2];
            scenarios = scenarios.Where(s => s.Settings["Memory:Embedder"] == "hash" && s.Api is "chat" || s.Api == api).ToArray();
            if (api == "responses")
            {
                ResponsesTranslationCost.Report(calls * 10);
            }
        }

        Console.WriteLine($"Gateway overhead: {calls} calls per scenario after {calls / 10} warm-up, interleaved with direct calls; {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        Console.WriteLine("| scenario | direct p50 | direct p99 | gateway p50 | gateway p99 | added p50 | added p99 |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (name, settings, user, stream, api) in scenarios)
        {
            var data = Directory.CreateTempSubdirectory("overhead-").FullName;
            settings["Upstream:BaseUrl"] = upstream.BaseUrl;
            settings["Storage:Directory"] = data;
            settings["Memory:Extraction:Mode"] = "off";
            var app = await StartGatewayAsync(settings);
            try
            {
                var gatewayUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
                using var client = new HttpClient();
                if (user)
                {
                    var mems = string.Join(",", Enumerable.Range(0, 200).Select(i => $$"""{"text":"Perf user fact {{i}}: likes topic {{i}} and subject {{i * 7 % 97}}.","confidence":0.8}"""));
                    using var w = await client.PostAsync(gatewayUrl + "/v1/users/perf/memories", new StringContent($$"""{"memories":[{{mems}}]}""", Encoding.UTF8, "application/json"));
                    w.EnsureSuccessStatusCode();
                }

                var direct = new List<double>(calls);
                var through = new List<double>(calls);
                for (var i = 0; i < calls + calls / 10; i++)
                {
                    var d = await TimeAsync(client, upstream.BaseUrl, i, user, stream);
                    var g = api switch
                    {
                        "responses" => await TimeResponsesAsync(client, gatewayUrl + "/v1", i, user, stream),
                        "messages" => await TimeMessagesAsync(client, gatewayUrl + "/v1", i, user, stream),
                        _ => await TimeAsync(client, gatewayUrl + "/v1", i, user, stream),
                    };
                    if (i >= calls / 10)
                    {
                        direct.Add(d);
                        through.Add(g);
                    }
                }

                upstream.Clear();
                double P(List<double> xs, double p) => xs.Order().ElementAt((int)(p * (xs.Count - 1)));
                Console.WriteLine($"| {name} | {P(direct, .5):0.00} ms | {P(direct, .99):0.00} ms | {P(through, .5):0.00} ms | {P(through, .99):0.00} ms | {P(through, .5) - P(direct, .5):0.00} ms | {P(through, .99) - P(direct, .99):0.00} ms |");
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
                Directory.Delete(data, recursive: true);
            }
        }

        return 0;
    }

    internal static async Task<double> TimeAsync(HttpClient client, string baseUrl, int i, bool user, bool stream)
    {
        var body = $$"""{"model":"fake-model",{{(user ? "\"user\":\"perf\"," : string.Empty)}}"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"What do I like about subject {{i}} and topic {{i * 13 % 1000}}? [[reply:You like many topics.]]"}]}""";
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync(baseUrl + "/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task<double> TimeResponsesAsync(HttpClient client, string baseUrl, int i, bool user, bool stream)
    {
        var body = $$"""{"model":"fake-model",{{(user ? "\"user\":\"perf\"," : string.Empty)}}"stream":{{(stream ? "true" : "false")}},"input":"What do I like about subject {{i}} and topic {{i * 13 % 1000}}? [[reply:You like many topics.]]"}""";
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync(baseUrl + "/responses", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>The same question as <see cref="TimeAsync"/>, asked through the gateway's Messages API.</summary>
    private static async Task<double> TimeMessagesAsync(HttpClient client, string baseUrl, int i, bool user, bool stream)
    {
        var body = $$"""{"model":"fake-model","max_tokens":256,{{(user ? "\"metadata\":{\"user_id\":\"perf\"}," : string.Empty)}}"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"What do I like about subject {{i}} and topic {{i * 13 % 1000}}? [[reply:You like many topics.]]"}]}""";
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync(baseUrl + "/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    internal static async Task<WebApplication> StartGatewayAsync(Dictionary<string, string?> settings)
    {
        var root = Directory.GetCurrentDirectory();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = root, EnvironmentName = "Production" });
        settings["urls"] = "http://127.0.0.1:0";
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Prompts:Directory"] = Path.Combine(root, "prompts");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddGateway();
        var app = builder.Build();
        app.MapGateway();
        await app.StartAsync();
        return app;
    }
}
