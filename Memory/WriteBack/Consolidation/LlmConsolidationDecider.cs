using System.Globalization;
using Memory.Model;
using Memory.WriteBack.Extraction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Memory.WriteBack.Consolidation;

/// <summary><c>llm</c> consolidation: the turn's facts and the user's similar current memories go to the model
/// through <c>prompts/memory-consolidate.yaml</c>; the answer is validated by <see cref="ConsolidationAnswerParser"/>.
/// Invalid twice (or no LLM available): null, and the consolidator uses the heuristic rules.</summary>
internal sealed class LlmConsolidationDecider(
    LlmCalls llm,
    IOptions<WriteBackOptions> options,
    TimeProvider time,
    ILogger<LlmConsolidationDecider> logger)
{
    public const string TemplateName = "memory-consolidate";

    private readonly WriteBackOptions _options = options.Value;

    public async Task<IReadOnlyList<ConsolidationDecision>?> DecideAsync(ConversationTurn turn, IReadOnlyList<ExtractedFact> facts,
        IReadOnlyList<MemoryItem> existing, CancellationToken cancellationToken = default)
    {
        if (facts.Count == 0)
        {
            return [];
        }

        if (!llm.Available)
        {
            WriteBackLog.ConsolidationFallback(logger, turn.TurnId, "no chat client or prompt renderer");
            return null;
        }

        var shown = existing.Take(Math.Max(0, _options.ConsolidationMaxExisting)).ToList();
        var refs = new Dictionary<string, MemoryItem>(StringComparer.Ordinal);
        var memories = new List<PromptMemory>();
        for (var i = 0; i < shown.Count; i++)
        {
            var r = $"m{i + 1}";
            refs[r] = shown[i];
            var (slot, subject) = MemoryFacts.Read(shown[i]);
            memories.Add(new PromptMemory(r, shown[i].Text, slot, subject,
                shown[i].OccurredAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Math.Round(shown[i].Confidence, 2)));
        }

        var variables = new Dictionary<string, object?>
        {
            ["new_facts"] = WriteBackPromptJsonContext.Serialize(facts
                .Select((f, i) => new PromptFact(i, f.Text, f.Slot, f.Subject, f.Action == FactAction.Retract ? "retract" : "assert"))
                .ToList()),
            ["existing_memories"] = WriteBackPromptJsonContext.Serialize(memories),
            ["now"] = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };

        string? reason = null;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            string answer;
            try
            {
                answer = await llm.AskAsync(TemplateName, variables, ConsolidationSchema.Element, ConsolidationSchema.Name, turn.Model, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The facts are already checkpointed; deterministic rules are a safe way to finish the turn.
                WriteBackLog.ConsolidationFallback(logger, turn.TurnId, ex.GetType().Name);
                return null;
            }

            var decisions = ConsolidationAnswerParser.Parse(answer, facts, refs, out reason);
            if (decisions is not null)
            {
                return decisions;
            }

            WriteBackLog.ConsolidationAnswerInvalid(logger, turn.TurnId, attempt, reason ?? "invalid");
        }

        WriteBackLog.ConsolidationFallback(logger, turn.TurnId, reason ?? "invalid");
        return null;
    }
}
