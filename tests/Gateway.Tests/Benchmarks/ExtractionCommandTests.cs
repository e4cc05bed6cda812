using System.Text.Json.Nodes;
using Benchmarks.Extraction;
using TestDoubles.OpenAI;

namespace Gateway.Tests.Benchmarks;

/// <summary>The benchmark's <c>extraction --base-url --model</c> command runs the labelled set through the project's
/// own LLM extractor against an OpenAI-compatible server (a fake on loopback here) and prints the same table.</summary>
public sealed class ExtractionCommandTests : IAsyncLifetime
{
    private const string Wheelchair = "I use a wheelchair.";
    private const string Oslo = "I live in Oslo.";
    private const string Summary = "Summarize this: 'I am the CEO of Contoso.'";

    private readonly string _set = Path.Combine(Path.GetTempPath(), $"extraction-set-{Guid.NewGuid():N}.jsonl");
    private FakeOpenAIUpstream _upstream = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeOpenAIUpstream.StartAsync();
        await File.WriteAllLinesAsync(_set,
        [
            $$"""{"id":"a","split":"dev","category":"accessibility","text":"{{Wheelchair}}","expect":[{"text":"The user uses a wheelchair"}]}""",
            $$"""{"id":"b","split":"dev","category":"places","text":"{{Oslo}}","expect":[{"text":"The user lives in Oslo"}]}""",
            $$"""{"id":"c","split":"heldout","category":"quoted","text":"{{Summary}}","expect":[]}""",
        ]);
    }

    public async Task DisposeAsync()
    {
        await _upstream.DisposeAsync();
        File.Delete(_set);
    }

    [Fact]
    public async Task Llm_path_sends_the_set_to_the_model_and_prints_precision_and_recall_per_category()
    {
        // The model: right about the wheelchair, wrong about the quoted text, invalid JSON for Oslo (retried once, then
        // the heuristic answers, as in the worker).
        _upstream.Responder = request =>
        {
            var prompt = request["messages"]![0]!["content"]!.GetValue<string>();
            return prompt.Contains(Wheelchair, StringComparison.Ordinal) ? Facts("a:0", "The user uses a wheelchair", "other")
                : prompt.Contains("Contoso", StringComparison.Ordinal) ? Facts("c:0", "The user is the CEO of Contoso", "job")
                : new FakeReply { Text = "sure! the user lives in oslo" };
        };
        var output = new StringWriter();

        var code = await ExtractionCommand.RunAsync(
            ["--base-url", _upstream.BaseUrl, "--model", "bench-model", "--api-key", "k-123", "--set", _set, "--failures"], output);

        var text = output.ToString();
        Assert.Equal(0, code);
        Assert.Contains("| accessibility | 1 | 1 | 1 | 1.000 | 1 | 0 | 1.000 | 1/1 |", text, StringComparison.Ordinal);
        Assert.Contains("| places | 1 | 1 | 1 | 1.000 | 1 | 0 | 1.000 | 1/1 |", text, StringComparison.Ordinal);
        Assert.Contains("| quoted | 1 | 0 | 0 | - | 1 | 1 | 0.000 | 0/1 |", text, StringComparison.Ordinal);
        Assert.Contains("| **all** | 3 | 2 | 2 | 1.000 | 3 | 1 | 0.667 | 2/3 |", text, StringComparison.Ordinal);
        Assert.Contains("1 turns fell back to the heuristic", text, StringComparison.Ordinal);
        Assert.Contains("WRONG  c: \"" + Summary + "\" stored \"The user is the CEO of Contoso\"", text, StringComparison.Ordinal);
        var calls = _upstream.ChatRequests.ToList();
        Assert.Equal(4, calls.Count); // one call each, plus the retry of the invalid answer
        Assert.All(calls, c => Assert.Equal("bench-model", c.Json!["model"]!.GetValue<string>()));
        Assert.All(calls, c => Assert.Equal("Bearer k-123", c.Headers["Authorization"]));
        Assert.All(calls, c => Assert.Contains("memory_facts", c.RawBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_base_url_the_heuristic_runs_and_no_model_is_called()
    {
        var output = new StringWriter();

        var code = await ExtractionCommand.RunAsync(["--set", _set], output);

        Assert.Equal(0, code);
        Assert.Contains("extractor: heuristic", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("| **all** | 3 | 2 | 2 | 1.000 | 2 | 0 | 1.000 | 3/3 |", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, _upstream.ChatCalls);
    }

    [Fact]
    public async Task Conversations_mode_runs_every_turn_and_lists_what_the_chit_chat_would_store()
    {
        var directory = Directory.CreateTempSubdirectory("conversations-");
        try
        {
            // A LoCoMo-shaped conversation: two sessions, keys out of order, a turn with no text.
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "7.json"), """
                {"speaker_a": "Ana", "speaker_b": "Ben",
                 "session_2": [{"speaker": "Ana", "dia_id": "D2:1", "text": "I'm staying positive!"},
                               {"speaker": "Ben", "dia_id": "D2:2", "text": "I adopted a beagle last week."}],
                 "session_1_date_time": "1:56 pm on 8 May, 2023",
                 "session_1": [{"speaker": "Ana", "dia_id": "D1:1", "text": "Hey Ben! I live in Porto and I love hiking."},
                               {"speaker": "Ben", "dia_id": "D1:2", "img_url": ["x"]}],
                 "session_1_observation": {"Ana": [["Ana lives in Porto.", "D1:1"]]}}
                """);
            var output = new StringWriter();

            var code = await ExtractionCommand.RunAsync(["--conversations", directory.FullName, "--failures"], output);

            var text = output.ToString();
            Assert.Equal(0, code);
            Assert.Contains("3 memories from 3 turns (100.0 per 100 turns; 2 turns stored something)", text, StringComparison.Ordinal);
            Assert.Contains("STORED  7-D1:1: \"Hey Ben! I live in Porto and I love hiking.\" stored \"The user lives in Porto\"", text, StringComparison.Ordinal);
            Assert.Contains("stored \"The user loves hiking\"", text, StringComparison.Ordinal);
            Assert.Contains("STORED  7-D2:2: \"I adopted a beagle last week.\" stored \"The user adopted a beagle\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("staying positive", text.Split("STORED", 2)[^1], StringComparison.Ordinal);
            Assert.DoesNotContain("WRONG", text, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("--conversations", "/no/such/directory")]
    [InlineData("--base-url", "http://127.0.0.1:1/v1")]
    [InlineData("--split", "everything")]
    [InlineData("--model")]
    public async Task Bad_arguments_are_refused_with_a_message(params string[] args)
    {
        var output = new StringWriter();

        var code = await ExtractionCommand.RunAsync(args, output);

        Assert.Equal(2, code);
        Assert.StartsWith("extraction: ", output.ToString(), StringComparison.Ordinal);
    }

    private static FakeReply Facts(string source, string text, string category) => new()
    {
        Text = new JsonObject
        {
            ["facts"] = new JsonArray(new JsonObject
            {
                ["text"] = text, ["category"] = category, ["subject"] = null, ["action"] = "assert", ["confidence"] = 0.9,
                ["sources"] = new JsonArray(source), ["context"] = null,
            }),
        }.ToJsonString(),
    };
}
