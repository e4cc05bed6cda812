using Memory.Model;
using Memory.Text;

namespace Gateway.Prompts;

/// <summary>Builds the memory block within a token budget. Order of importance: the profile as given, then the
/// relevant memories best first; when the block is over budget the least important go first (lowest-ranked
/// relevant memories, then the profile's tail). Superseded, duplicate, empty and below-floor memories never enter.</summary>
internal sealed class MemoryBlockBuilder
{
    // Lines repeat from request to request (a user's memories, their age in whole days): the counter remembers their
    // counts (ITokenCounter.CountLines), so neither a line's estimate nor the joined block is tokenized twice.
    private readonly ITokenCounter _counter;

    public MemoryBlockBuilder(ITokenCounter counter) => _counter = counter;

    /// <summary>The block with no memories in it (still delimited and marked with the canary).</summary>
    public MemoryBlock Empty(string canary, string? model)
    {
        var text = MemoryLineFormatter.Block(canary, []);
        return new MemoryBlock(text, [], _counter.CountLines(text, model));
    }

    /// <summary>The largest block of the most important memories within <paramref name="budget"/> tokens; an empty
    /// text when even the bare block does not fit.</summary>
    public MemoryBlock Build(MemorySelection selection, string canary, DateTimeOffset now, int budget, double confidenceFloor, string? model,
        MemoryBlock? empty = null)
    {
        var candidates = Rank(selection, confidenceFloor);
        empty ??= Empty(canary, model);
        if (candidates.Count == 0)
        {
            return empty.Tokens <= budget ? empty : new MemoryBlock(string.Empty, [], 0);
        }

        var lines = candidates.Select(m => MemoryLineFormatter.Line(m, now)).ToList();
        var overhead = _counter.CountLines(MemoryLineFormatter.Block(canary, ["-"]), model) - _counter.CountLines("-\n", model);

        // Per-line counts add up to within a token or two of the joined block; the exact count below settles it.
        var kept = 0;
        var total = overhead;
        while (kept < lines.Count)
        {
            var cost = LineCost(lines[kept], model);
            if (total + cost > budget)
            {
                break;
            }

            total += cost;
            kept++;
        }

        while (kept > 0)
        {
            var text = MemoryLineFormatter.Block(canary, lines.Take(kept));
            var tokens = _counter.CountLines(text, model);
            if (tokens <= budget)
            {
                return new MemoryBlock(text, candidates.Take(kept).ToList(), tokens);
            }

            kept--;
        }

        return empty.Tokens <= budget ? empty : new MemoryBlock(string.Empty, [], 0);
    }

    /// <summary>The tokens of one line and its line break (an estimate: a block's count is settled whole).</summary>
    private int LineCost(string line, string? model) => _counter.CountLines(line + "\n", model);

    /// <summary>Profile first (its order), then relevant memories by score, best first.</summary>
    internal static List<MemoryItem> Rank(MemorySelection selection, double confidenceFloor)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ranked = new List<MemoryItem>();
        foreach (var scored in selection.Profile.Concat(selection.Relevant.OrderByDescending(r => r.Score)))
        {
            var memory = scored.Memory;
            if (memory.IsCurrent && memory.Confidence >= confidenceFloor &&
                !string.IsNullOrWhiteSpace(memory.Text) && seen.Add(memory.Id))
            {
                ranked.Add(memory);
            }
        }

        return ranked;
    }
}
