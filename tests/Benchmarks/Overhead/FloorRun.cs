using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TestDoubles.OpenAI;

namespace Benchmarks.Overhead;

/// <summary><c>overhead floor [calls] [rounds] [UPSTREAM_BASE_URL]</c>: the pure proxy call (no user, guardrails on)
/// through the gateway beside the same call through <see cref="ProxyFloor"/> (a minimal forwarding proxy) and
/// straight to the upstream, interleaved in rotating order, one keep-alive client, a new question each call. The
/// upstream is the in-process fake unless a base URL is given (the acceptance harness's node fake, for instance).
/// Prints, per round, the p50/p99 of each and what the floor and the gateway add over the direct call.</summary>
internal static class FloorRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var calls = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 1000;
        var rounds = args.Length > 1 && int.TryParse(args[1], out var r) ? r : 3;
        var external = args.Length > 2 ? args[2].TrimEnd('/') : null;
        await using var fake = external is null ? await FakeOpenAIUpstream.StartAsync() : null;
        var upstream = external ?? fake!.BaseUrl;

        var data = Directory.CreateTempSubdirectory("overhead-floor-").FullName;
        var gateway = await OverheadRun.StartGatewayAsync(new()
        {
            ["Memory:Embedder"] = "hash",
            ["Memory:Extraction:Mode"] = "off",
            ["Upstream:BaseUrl"] = upstream,
            ["Storage:Directory"] = data,
        });
        var (floor, floorUrl) = await ProxyFloor.StartAsync(upstream);
        try
        {
            var gatewayUrl = gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/v1";
            var targets = new[] { upstream, floorUrl + "/v1", gatewayUrl };
            Console.WriteLine($"Pure proxy beside a minimal forwarding proxy: {rounds} rounds of {calls} calls (after {calls / 10} warm-up) to each, interleaved; upstream {(external is null ? "in-process fake" : external)}; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            Console.WriteLine("| round | direct p50 | floor p50 | gateway p50 | floor adds p50 | gateway adds p50 | gateway over floor p50 | floor adds p99 | gateway adds p99 |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            using var client = new HttpClient();
            var question = 0;
            for (var round = 1; round <= rounds; round++)
            {
                var times = targets.Select(_ => new List<double>(calls)).ToArray();
                for (var i = 0; i < calls + calls / 10; i++)
                {
                    question++;
                    for (var k = 0; k < targets.Length; k++)
                    {
                        var t = (i + k) % targets.Length; // rotating order: none always follows the same one
                        var ms = await OverheadRun.TimeAsync(client, targets[t], question, user: false, stream: false);
                        if (i >= calls / 10)
                        {
                            times[t].Add(ms);
                        }
                    }
                }

                static double P(List<double> xs, double p) => xs.Order().ElementAt((int)(p * (xs.Count - 1)));
                var (d, f, g) = (times[0], times[1], times[2]);
                Console.WriteLine($"| {round} | {P(d, .5):0.000} ms | {P(f, .5):0.000} ms | {P(g, .5):0.000} ms | {P(f, .5) - P(d, .5):0.000} ms | {P(g, .5) - P(d, .5):0.000} ms | {P(g, .5) - P(f, .5):0.000} ms | {P(f, .99) - P(d, .99):0.00} ms | {P(g, .99) - P(d, .99):0.00} ms |");
                fake?.Clear();
            }
        }
        finally
        {
            await floor.StopAsync();
            await floor.DisposeAsync();
            await gateway.StopAsync();
            await gateway.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }

        return 0;
    }
}
