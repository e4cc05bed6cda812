using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Pipeline;
using Guardrails.Abstractions;
using Guardrails.Checks;
using Guardrails.Decisions;
using Guardrails.Policies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Benchmarks.Overhead;

/// <summary><c>overhead stages [iterations] [piece]</c>: the pure proxy path's own pieces timed one by one on the harness's
/// question and answer, single-threaded, in a gateway hosted in this process (guardrails on): reading and
/// validating the request, each input check, the whole input and output guardrail calls, the upstream body's
/// serialisation and the answer's parse. Median microseconds per call over rounds, as the thread's CPU time (so other
/// work on a shared machine does not count) and as elapsed time.</summary>
internal static class StagesRun
{
    private const string Answer = """{"id":"chatcmpl-fake1","object":"chat.completion","created":1764900000,"model":"fake-model","choices":[{"index":0,"message":{"role":"assistant","content":"You like many topics."},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}""";

    public static async Task<int> RunAsync(string[] args)
    {
        var iterations = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 20000;
        var only = args.Length > 1 ? args[1] : null; // a piece's name contains it: time only those (for a profiler)
        var data = Directory.CreateTempSubdirectory("overhead-stages-").FullName;
        var app = await OverheadRun.StartGatewayAsync(new()
        {
            ["Memory:Embedder"] = "hash",
            ["Memory:Extraction:Mode"] = "off",
            ["Upstream:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["Storage:Directory"] = data,
        });
        try
        {
            var services = app.Services;
            Console.WriteLine($"injection tells: {InjectionSignals.All.Count} packed into {InjectionSignals.TellGroups.Count} patterns");
            var guardrails = services.GetRequiredService<IGuardrailPipeline>();
            var checks = services.GetServices<IGuardrailCheck>().ToArray();
            var policy = services.GetRequiredService<PolicyStore>().Resolve(null, "chat");
            var question = Encoding.UTF8.GetBytes("""{"model":"fake-model","messages":[{"role":"user","content":"What do I like about subject 17 and topic 221? [[reply:You like many topics.]]"}]}""");
            var answer = Encoding.UTF8.GetBytes(Answer);
            var http = new DefaultHttpContext { RequestServices = services, TraceIdentifier = "req_bench" };
            var request = ChatRequestReader.Validate(JsonNode.Parse(question), http).Request!;
            var text = "What do I like about subject 17 and topic 221? [[reply:You like many topics.]]";
            var context = GuardrailContextFactory.For(request);

            var timings = new List<(string Name, Func<ValueTask> Body)>
            {
                ("read + validate request (JsonNode)", () =>
                {
                    _ = ChatRequestReader.Validate(JsonNode.Parse(question), http);
                    return ValueTask.CompletedTask;
                }),
                ("guardrail context", () =>
                {
                    _ = GuardrailContextFactory.For(request);
                    return ValueTask.CompletedTask;
                }),
                ("input guardrails (whole call)", async () => await guardrails.CheckAsync(GuardrailStage.Input, text, context)),
                ("upstream body (serialise JsonObject)", () =>
                {
                    _ = JsonSerializer.SerializeToUtf8Bytes(request.Body);
                    return ValueTask.CompletedTask;
                }),
                ("answer parse (JsonNode)", () =>
                {
                    _ = JsonNode.Parse(answer);
                    return ValueTask.CompletedTask;
                }),
                ("output guardrails (whole call)", async () => await guardrails.CheckAsync(GuardrailStage.Output, "You like many topics.", context)),
                ("  injection tells alone (packed patterns)", () =>
                {
                    _ = InjectionSignals.HasAnyTell(text);
                    return ValueTask.CompletedTask;
                }),
            };
            foreach (var check in checks)
            {
                foreach (var (stage, sample) in new[] { (GuardrailStage.Input, text), (GuardrailStage.Output, "You like many topics.") })
                {
                    if (!policy.IsActive(stage, check.Family))
                    {
                        continue;
                    }

                    var checkContext = new CheckContext(stage, context, policy);
                    timings.Add(($"  {stage.ToString().ToLowerInvariant()} check {check.GetType().Name}", () =>
                    {
                        _ = CheckRunner.Run([check], sample, checkContext, NullLogger.Instance);
                        return ValueTask.CompletedTask;
                    }));
                }
            }

            Console.WriteLine($"Pure proxy path, piece by piece: median of 5 rounds of {iterations} calls, µs per call; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            Console.WriteLine("| piece | thread CPU µs | elapsed µs |");
            Console.WriteLine("|---|---|---|");
            foreach (var (name, body) in timings.Where(t => only is null || t.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
            {
                var cpu = new List<double>();
                var elapsed = new List<double>();
                for (var round = 0; round < 6; round++)
                {
                    var started = Stopwatch.GetTimestamp();
                    var cpuStarted = ThreadCpuMicroseconds();
                    for (var i = 0; i < iterations; i++)
                    {
                        await body();
                    }

                    if (round > 0)
                    {
                        cpu.Add((ThreadCpuMicroseconds() - cpuStarted) / iterations);
                        elapsed.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds / iterations);
                    }
                }

                Console.WriteLine($"| {name} | {cpu.Order().ElementAt(2):0.00} | {elapsed.Order().ElementAt(2):0.00} |");
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }

        return 0;
    }

    /// <summary>This thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>); the awaited bodies complete
    /// synchronously, so the loop stays on one thread.</summary>
    private static double ThreadCpuMicroseconds()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(3, out var ts) != 0)
        {
            return Stopwatch.GetElapsedTime(0).TotalMicroseconds;
        }

        return ts.Seconds * 1e6 + ts.Nanoseconds / 1e3;
    }

#pragma warning disable SYSLIB1054 // a benchmark's one blittable call; LibraryImport would need unsafe blocks
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
#pragma warning restore SYSLIB1054

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
