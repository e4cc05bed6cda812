using Memory.Model;
using Memory.WriteBack;
using Memory.WriteBack.Extraction;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Memory.Tests.WriteBack;

/// <summary>The grounding rules against the labelled extraction set: the true facts (the set's expected facts, written
/// as the heuristic extractor writes them) must all count as grounded in their own turns, and the heuristic
/// extractor's own outputs must (almost) never be dropped, so the rules drop inventions, not facts.</summary>
public sealed class GroundingExtractionSetTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_expected_fact_of_the_labelled_set_is_grounded_in_its_turn()
    {
        var checkedFacts = 0;
        var failures = new List<string>();
        foreach (var c in ExtractionSetFile.All)
        {
            var turn = Turn(c.Id, c.Text);
            foreach (var expected in c.Expected)
            {
                checkedFacts++;
                var fact = new ExtractedFact { Text = expected.Text, Slot = "other", Action = expected.Action, Sources = [$"{c.Id}:0"] };
                if (FactGrounding.Check(fact, turn) is { } rule)
                {
                    failures.Add($"{rule}: {c.Id} \"{c.Text}\" -> \"{expected.Text}\"");
                }
            }
        }

        output.WriteLine($"{checkedFacts} expected facts checked, {failures.Count} not grounded");
        failures.ForEach(output.WriteLine);
        Assert.True(checkedFacts >= 500);
        Assert.Empty(failures);
    }

    [Fact]
    public async Task The_heuristic_extractors_own_facts_on_the_set_are_grounded()
    {
        var extractor = new HeuristicFactExtractor(Options.Create(new WriteBackOptions()));
        var produced = 0;
        var dropped = new List<string>();
        foreach (var c in ExtractionSetFile.All)
        {
            var turn = Turn(c.Id, c.Text);
            foreach (var fact in await extractor.ExtractAsync(turn))
            {
                produced++;
                if (FactGrounding.Check(fact, turn) is { } rule)
                {
                    dropped.Add($"{rule}: {c.Id} \"{c.Text}\" -> \"{fact.Text}\" ({fact.Action})");
                }
            }
        }

        output.WriteLine($"{produced} heuristic facts checked, {dropped.Count} would be dropped");
        dropped.ForEach(output.WriteLine);
        Assert.True(produced >= 400);
        Assert.True(dropped.Count <= produced / 100, $"{dropped.Count} of {produced} dropped");
    }

    private static ConversationTurn Turn(string id, string text) => new()
    {
        TurnId = $"eval-{id}",
        User = new UserKey("extraction-eval", "user"),
        Context = "chat",
        UserMessages = [new TurnMessage($"{id}:0", text)],
        At = DateTimeOffset.UnixEpoch,
    };
}
