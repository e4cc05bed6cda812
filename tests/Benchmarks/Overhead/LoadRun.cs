using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TestDoubles.OpenAI;

namespace Benchmarks.Overhead;

/// <summary>Load run (issue 16.6): keep-alive clients at c = 1, 8 and 32, each for a fixed time, personalized calls
/// (200 memories, the configured default embedder, guardrails on) through the gateway running as its own process, in
/// front of a fake upstream that answers after 50 ms. Per c: requests/s, the added p50/p99 (gateway minus a direct run
/// against the same upstream at the same c, measured in the same run), the gateway's CPU time per request and its
/// resident memory. Run: <c>dotnet run -c Release --project tests/Benchmarks -- overhead load [seconds] [c,c,...]</c>
/// (default 20 s, 1,8,32).</summary>
public static class LoadRun
{
    private static readonly TimeSpan UpstreamDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>Numbers the questions across all runs, so no call's query embedding can come from the cache.</summary>
    private static int _question;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 && double.TryParse(args[0], CultureInfo.InvariantCulture, out var s) ? s : 20;
        var levels = args.Length > 1 ? args[1].Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray() : [1, 8, 32];
        var duration = TimeSpan.FromSeconds(seconds);
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.DefaultReply = new FakeReply { DelayBeforeHeaders = UpstreamDelay };
        var data = Directory.CreateTempSubdirectory("load-").FullName;
        using var gateway = await StartGatewayAsync(upstream.BaseUrl, data);
        try
        {
            using var setup = new HttpClient();
            var mems = string.Join(",", Enumerable.Range(0, 200).Select(i => $$"""{"text":"Perf user fact {{i}}: likes topic {{i}} and subject {{i * 7 % 97}}.","confidence":0.8}"""));
            using (var w = await setup.PostAsync(gateway.Url + "/v1/users/perf/memories", new StringContent($$"""{"memories":[{{mems}}]}""", Encoding.UTF8, "application/json")))
            {
                w.EnsureSuccessStatusCode();
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Gateway load: personalized calls (200 memories, default embedder, guardrails on), fake upstream answering after {UpstreamDelay.TotalMilliseconds:0} ms, {seconds:0.#} s per level; {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
            Console.WriteLine("| clients | requests/s | gateway p50 | gateway p99 | direct p50 | direct p99 | added p50 | added p99 | gateway CPU per request | gateway resident memory |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
            foreach (var c in levels)
            {
                // Warm-up at this level, then the measured run; the direct run (same client code, same c) is the baseline.
                await LoadAsync(gateway.Url + "/v1", c, TimeSpan.FromSeconds(Math.Min(3, seconds / 4)), user: true);
                gateway.Process.Refresh();
                var cpuBefore = gateway.Process.TotalProcessorTime;
                var through = await LoadAsync(gateway.Url + "/v1", c, duration, user: true);
                gateway.Process.Refresh();
                var cpu = gateway.Process.TotalProcessorTime - cpuBefore;
                var rss = gateway.Process.WorkingSet64;
                var direct = await LoadAsync(upstream.BaseUrl, c, duration, user: false);
                upstream.Clear();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {c} | {through.Count / duration.TotalSeconds:0} | {P(through, .5):0.0} ms | {P(through, .99):0.0} ms | {P(direct, .5):0.0} ms | {P(direct, .99):0.0} ms | {P(through, .5) - P(direct, .5):0.0} ms | {P(through, .99) - P(direct, .99):0.0} ms | {cpu.TotalMilliseconds / Math.Max(1, through.Count):0.00} ms | {rss / (1024.0 * 1024):0} MiB |"));
            }

            Console.WriteLine($"load average after: {LoadAverage()}");
            Console.WriteLine($"/healthz after: {await setup.GetStringAsync(gateway.Url + "/healthz")}");
        }
        finally
        {
            gateway.Stop();
            Directory.Delete(data, recursive: true);
        }

        return 0;
    }

    private static double P(List<double> xs, double p) => xs.Count == 0 ? double.NaN : xs.Order().ElementAt((int)(p * (xs.Count - 1)));

    /// <summary>Runs <paramref name="clients"/> keep-alive clients, each sending one call after the other, for
    /// <paramref name="duration"/>; returns every call's latency (ms).</summary>
    private static async Task<List<double>> LoadAsync(string baseUrl, int clients, TimeSpan duration, bool user)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, clients).Select(async _ =>
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
            var times = new List<double>();
            while (Stopwatch.GetTimestamp() < until)
            {
                var i = Interlocked.Increment(ref _question);
                var body = $$"""{"model":"fake-model",{{(user ? "\"user\":\"perf\"," : string.Empty)}}"messages":[{"role":"user","content":"What do I like about subject {{i}} and topic {{i * 13 % 1000}}? [[reply:You like many topics.]]"}]}""";
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsync(baseUrl + "/chat/completions", new StringContent(body, Encoding.UTF8, "application/json")).ConfigureAwait(false);
                await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return times;
        }).ToList();
        return (await Task.WhenAll(workers)).SelectMany(t => t).ToList();
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static async Task<GatewayProcess> StartGatewayAsync(string upstreamUrl, string data)
    {
        var root = FindRoot();
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))) ?? "Release";
        var dll = Path.Combine(root, "Gateway", "bin", configuration, "net10.0", "Gateway.dll");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Upstream__BaseUrl"] = upstreamUrl;
        start.Environment["Storage__Directory"] = data;
        start.Environment["Prompts__Directory"] = Path.Combine(root, "prompts");
        start.Environment["Memory__Extraction__Mode"] = "off";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // A loaded machine can stall one check past the default 1 s while the 200 memories are written (fail-closed:
        // the write is refused); the measured calls' checks take well under a millisecond either way.
        start.Environment["Guardrails__CheckTimeoutMilliseconds"] = "10000";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The gateway did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var url = $"http://127.0.0.1:{port}";
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited with {process.ExitCode}.");
            }

            try
            {
                using var health = await probe.GetAsync(url + "/healthz");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return new GatewayProcess(process, url);
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        process.Kill();
        throw new InvalidOperationException("The gateway did not answer /healthz within a minute.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    private sealed class GatewayProcess(Process process, string url) : IDisposable
    {
        public Process Process { get; } = process;
        public string Url { get; } = url;

        public void Stop()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
                Process.WaitForExit(10_000);
            }
        }

        public void Dispose() => Process.Dispose();
    }
}
