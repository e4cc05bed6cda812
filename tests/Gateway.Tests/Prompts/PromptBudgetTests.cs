using System.Globalization;
using Gateway.Pipeline;
using Gateway.Prompts;

namespace Gateway.Tests.Prompts;

public sealed class PromptBudgetTests : IDisposable
{
    private readonly AssemblerHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static IEnumerable<Memory.Model.MemoryItem> Many(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => TestMemories.Make(
            $"{prefix} fact number {i.ToString(CultureInfo.InvariantCulture)}: visited town {i.ToString(CultureInfo.InvariantCulture)} and liked its museum very much.",
            id: prefix + i.ToString(CultureInfo.InvariantCulture)));

    private int BlockTokens(AssembledPrompt prompt)
    {
        var text = MessageText.Of(prompt.Messages[0]);
        var start = text.IndexOf("=== BEGIN MEMORIES", StringComparison.Ordinal);
        var end = text.IndexOf("=== END MEMORIES mem-0123456789ab ===", StringComparison.Ordinal) + "=== END MEMORIES mem-0123456789ab ===".Length;
        return _h.Counter.Count(text[start..end], "gpt-4o-mini");
    }

    [Theory]
    [InlineData(200)]
    [InlineData(600)]
    [InlineData(2000)]
    public async Task Hundreds_of_memories_are_trimmed_to_the_memory_budget(int budget)
    {
        _h.MemoryOptions.CurrentValue.TokenBudget = budget;
        _h.Memory.Set(AssemblerHarness.Carol, [], Many("Dave", 300));

        var prompt = await _h.AssembleAsync(AssemblerHarness.Request(), AssemblerHarness.Messages(("user", "which museum did I like?")));

        Assert.InRange(BlockTokens(prompt), 1, budget);
        Assert.Equal(prompt.MemoryTokens, BlockTokens(prompt));
        Assert.InRange(prompt.Memories.Count, 1, 299);
        // The best-ranked survive: the kept ones are a prefix of the ranking.
        Assert.Equal(Enumerable.Range(0, prompt.Memories.Count).Select(i => "Dave" + i.ToString(CultureInfo.InvariantCulture)), prompt.Memories.Select(m => m.Id));
    }

    [Theory]
    [InlineData("gpt-4o-mini")]
    [InlineData("gpt-4")]
    public async Task Prompt_tokens_are_the_exact_count_of_the_messages_sent_again_and_again(string model)
    {
        _h.Memory.Set(AssemblerHarness.Carol, Many("Profile", 2), Many("Dave", 30));
        var messages = AssemblerHarness.Messages(("user", "which museum did I like?\n/and why?"));

        for (var i = 0; i < 3; i++)
        {
            // The system message's lines are counted from remembered line counts from the second request on.
            var prompt = await _h.AssembleAsync(AssemblerHarness.Request(model: model), messages);

            var exact = prompt.Messages.Sum(m => ContextWindowBudget.PerMessageOverhead + _h.Counter.Count(MessageText.Of(m), model)) + ContextWindowBudget.ReplyPriming;
            Assert.Equal(exact, prompt.PromptTokens);
        }
    }

    [Fact]
    public async Task Relevant_memories_are_trimmed_before_the_profile()
    {
        _h.MemoryOptions.CurrentValue.TokenBudget = 250;
        _h.Memory.Set(AssemblerHarness.Carol, Many("Profile", 3), Many("Relevant", 100));

        var prompt = await _h.AssembleAsync(AssemblerHarness.Request(), AssemblerHarness.Messages(("user", "hi")));

        Assert.Equal(["Profile0", "Profile1", "Profile2"], prompt.Memories.Take(3).Select(m => m.Id));
        Assert.True(prompt.Memories.Count < 103);
    }

    [Fact]
    public async Task A_budget_too_small_for_any_memory_injects_none()
    {
        _h.MemoryOptions.CurrentValue.TokenBudget = 5;
        _h.Memory.Set(AssemblerHarness.Carol, [], Many("Dave", 10));

        var prompt = await _h.AssembleAsync(AssemblerHarness.Request(), AssemblerHarness.Messages(("user", "hi")));

        Assert.True(prompt.IsPersonalized);
        Assert.Empty(prompt.Memories);
        Assert.DoesNotContain("Dave", MessageText.Of(prompt.Messages[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_context_window_shrinks_the_memory_budget_and_never_the_apps_messages()
    {
        _h.PromptOptions.CurrentValue = new PromptOptions
        {
            ContextWindows = new(StringComparer.OrdinalIgnoreCase) { ["tiny"] = 1200 },
            DefaultOutputReserve = 100,
        };
        _h.Memory.Set(AssemblerHarness.Carol, [], Many("Dave", 300));
        var longQuestion = string.Join(' ', Enumerable.Repeat("please consider this detail carefully", 120));
        var app = AssemblerHarness.Messages(("system", "You are helpful."), ("user", longQuestion));

        var prompt = await _h.AssembleAsync(AssemblerHarness.Request(model: "tiny-model"), app);

        Assert.True(prompt.IsPersonalized);
        Assert.NotEmpty(prompt.Memories);
        Assert.True(prompt.MemoryTokens < 600, $"memory block of {prompt.MemoryTokens} tokens");
        Assert.InRange(prompt.PromptTokens + 100, 0, 1200);
        Assert.Equal(app.ToJsonString(), new System.Text.Json.Nodes.JsonArray(prompt.Messages.Skip(1).Select(m => m!.DeepClone()).ToArray()).ToJsonString());
        Assert.True(_h.Memory.SelectCalls.Single().Request.TokenBudget < 600);
    }

    [Fact]
    public async Task The_requests_max_tokens_is_kept_free()
    {
        _h.PromptOptions.CurrentValue = new PromptOptions { ContextWindows = new(StringComparer.OrdinalIgnoreCase) { ["tiny"] = 2000 } };
        _h.Memory.Set(AssemblerHarness.Carol, [], Many("Dave", 300));
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["model"] = "tiny",
            ["max_tokens"] = 1500,
            ["messages"] = AssemblerHarness.Messages(("user", "hi")),
        };
        var context = AssemblerHarness.Request(model: "tiny");
        var request = new ChatRequest(body, body["messages"]!.AsArray(), false, context);

        var prompt = await _h.Assembler.AssembleAsync(request);

        Assert.InRange(prompt.PromptTokens, 1, 2000 - 1500);
        Assert.NotEmpty(prompt.Memories);
    }

    [Fact]
    public async Task When_even_the_frame_does_not_fit_the_window_no_system_message_is_added()
    {
        _h.PromptOptions.CurrentValue = new PromptOptions { ContextWindows = new(StringComparer.OrdinalIgnoreCase) { ["tiny"] = 300 } };
        _h.Memory.Set(AssemblerHarness.Carol, [], Many("Dave", 3));
        var app = AssemblerHarness.Messages(("user", string.Join(' ', Enumerable.Repeat("word", 400))));

        var prompt = await _h.AssembleAsync(AssemblerHarness.Request(model: "tiny"), app);

        Assert.False(prompt.IsPersonalized);
        Assert.Equal(app.ToJsonString(), prompt.Messages.ToJsonString());
    }

    [Theory]
    [InlineData("gpt-4o-mini", 128000)]
    [InlineData("llama3:8b", 8192)]
    [InlineData("llama3.1-70b", 131072)]
    [InlineData("unknown", 128000)]
    public void Context_windows_match_the_longest_configured_prefix(string model, int expected)
    {
        _h.PromptOptions.CurrentValue = new PromptOptions
        {
            ContextWindows = new(StringComparer.OrdinalIgnoreCase) { ["llama3"] = 8192, ["llama3.1"] = 131072, ["gpt-4"] = 8192, ["gpt-4o"] = 128000 },
        };

        Assert.Equal(expected, _h.Window.WindowFor(model));
    }
}
