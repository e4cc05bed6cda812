using System.Diagnostics;
using System.Text.Json.Nodes;
using Gateway.Pipeline;
using Gateway.Prompts;
using Memory;
using Memory.Model;
using Memory.Text;
using Memory.WriteBack;
using Memory.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmarks.Overhead;

/// <summary><c>overhead stages-personalized [iterations] [piece]</c>: the personalized path's own pieces timed one by one,
/// as the acceptance harness drives it (user <c>perf</c> with its 200 memories, a new question each call, the
/// <c>hash</c> embedder unless <c>EMBEDDER</c> says otherwise, write-back on), in a gateway hosted in this process:
/// the whole prompt assembly, the memory selection, consent, the system message's token count, the memory block, and
/// a write-back turn opened and closed. Median microseconds per call over rounds, as this process's CPU time (every
/// thread: background work a call causes counts) and as elapsed time.</summary>
internal static class PersonalizedStagesRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var iterations = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 2000;
        var only = args.Length > 1 ? args[1] : null;
        var data = Directory.CreateTempSubdirectory("overhead-personal-").FullName;
        var app = await OverheadRun.StartGatewayAsync(new()
        {
            ["Memory:Embedder"] = Environment.GetEnvironmentVariable("EMBEDDER") ?? "hash",
            ["Upstream:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["Storage:Directory"] = data,
            // Turns are recorded but never become due during the run: the worker's extraction stays out of the figures.
            ["Memory:WriteBack:QuietPeriod"] = "01:00:00",
            ["Memory:WriteBack:MaxDelay"] = "02:00:00",
        });
        try
        {
            var services = app.Services;
            var memory = services.GetRequiredService<IMemoryService>();
            var user = new UserKey("default", "perf");
            await memory.WriteAsync(user, Enumerable.Range(0, 200).Select(i => new NewMemory
            {
                Text = $"Perf user fact {i}: likes topic {i} and subject {i * 7 % 97}.",
                Context = "chat",
                Confidence = 0.8,
            }).ToList(), actor: null);

            var assembler = services.GetRequiredService<IPromptAssembler>();
            var counter = services.GetRequiredService<ITokenCounter>();
            var recorder = services.GetRequiredService<TurnRecorder>();
            var embedder = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
            var http = new DefaultHttpContext { RequestServices = services, TraceIdentifier = "req_bench" };
            var question = 0;
            ChatRequest NextRequest()
            {
                var i = question++;
                var json = $$"""{"model":"fake-model","user":"perf","messages":[{"role":"user","content":"What do I like about subject {{i}} and topic {{i * 13 % 1000}}? [[reply:You like many topics.]]"}]}""";
                return ChatRequestReader.Validate(JsonNode.Parse(json), http).Request!;
            }

            var sample = await assembler.AssembleAsync(NextRequest());
            var system = sample.Messages[0]!["content"]!.GetValue<string>();
            Console.WriteLine($"sample: {sample.Memories.Count} memories injected, system message {system.Length} characters, {counter.Count(system, "fake-model")} tokens");

            var timings = new List<(string Name, Func<ValueTask> Body)>
            {
                ("read + validate request", () =>
                {
                    _ = NextRequest();
                    return ValueTask.CompletedTask;
                }),
                ("assemble prompt (whole)", async () => await assembler.AssembleAsync(NextRequest())),
                ("select memories for prompt", async () =>
                {
                    var i = question++;
                    await memory.SelectForPromptAsync(user, new PromptMemoryRequest
                    {
                        Query = $"What do I like about subject {i} and topic {i * 13 % 1000}? [[reply:You like many topics.]]",
                        Context = "chat",
                        TokenBudget = 600,
                        Model = "fake-model",
                    });
                }),
                ("select memories for prompt, query vector cached", async () =>
                {
                    // The same question each call: its vector comes from the query cache, so this is the ranking alone
                    // (BM25, dense scores, fusion, reranking, MMR) as it runs once a new query's vector has arrived.
                    await memory.SelectForPromptAsync(user, new PromptMemoryRequest
                    {
                        Query = "What do I like about subject 7 and topic 91? [[reply:You like many topics.]]",
                        Context = "chat",
                        TokenBudget = 600,
                        Model = "fake-model",
                    });
                }),
                ("consent", async () => await memory.GetConsentAsync(user)),
                ("embed a new query (through the cache)", async () =>
                {
                    var i = question++;
                    using (EmbeddingOwner.Use(user))
                    {
                        await embedder.GenerateAsync([$"What do I like about subject {i} and topic {i * 13 % 1000}? [[reply:You like many topics.]]"], EmbeddingInputs.Query());
                    }
                }),
                ("count the system message's tokens", () =>
                {
                    _ = counter.Count(system, "fake-model");
                    return ValueTask.CompletedTask;
                }),
                ("count the system message's tokens from remembered lines", () =>
                {
                    _ = counter.CountLines(system, "fake-model");
                    return ValueTask.CompletedTask;
                }),
                ("write-back turn opened + closed", async () =>
                {
                    var request = NextRequest();
                    request.Context.MemoryEnabled = true;
                    recorder.Open(request);
                    await recorder.RecordAsync(request, "You like many topics.");
                }),
            };

            Console.WriteLine($"Personalized path, piece by piece: median of 5 rounds of {iterations} calls, µs per call; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            Console.WriteLine("| piece | process CPU µs | elapsed µs |");
            Console.WriteLine("|---|---|---|");
            var process = Process.GetCurrentProcess();
            foreach (var (name, body) in timings.Where(t => only is null || t.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
            {
                var cpu = new List<double>();
                var elapsed = new List<double>();
                for (var round = 0; round < 6; round++)
                {
                    process.Refresh();
                    var cpuStarted = process.TotalProcessorTime;
                    var started = Stopwatch.GetTimestamp();
                    for (var i = 0; i < iterations; i++)
                    {
                        await body();
                    }

                    var took = Stopwatch.GetElapsedTime(started);
                    process.Refresh();
                    if (round > 0)
                    {
                        cpu.Add((process.TotalProcessorTime - cpuStarted).TotalMicroseconds / iterations);
                        elapsed.Add(took.TotalMicroseconds / iterations);
                    }
                }

                Console.WriteLine($"| {name} | {cpu.Order().ElementAt(2):0.0} | {elapsed.Order().ElementAt(2):0.0} |");
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
}
