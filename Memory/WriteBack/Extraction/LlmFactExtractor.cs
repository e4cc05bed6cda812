using Memory.Configuration;
using Memory.Text;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Memory.WriteBack.Extraction;

/// <summary><c>llm</c> extraction: the user's messages (never the assistant's answer) go to the model through
/// <c>prompts/memory-extract.yaml</c>; the JSON answer is validated against <see cref="ExtractionSchema"/>. An
/// invalid answer is retried once, then the heuristic extractor is used instead. A valid answer's facts that the
/// user's words do not support are dropped (<see cref="FactGrounding"/>, <c>Memory:Extraction:Grounding</c>); when
/// that drops them all the turn stores nothing: the model answered, so the heuristics are not asked. Facts that
/// instruct the system are dropped by the caller's instruction filter like any other.</summary>
internal sealed class LlmFactExtractor(
    LlmCalls llm,
    HeuristicFactExtractor heuristic,
    IOptions<WriteBackOptions> options,
    IOptions<MemoryOptions> memoryOptions,
    TimeProvider time,
    ILogger<LlmFactExtractor> logger) : IFactExtractor
{
    public const string TemplateName = "memory-extract";

    private readonly WriteBackOptions _options = options.Value;
    private readonly bool _grounding = memoryOptions.Value.Extraction.Grounding;

    public async Task<IReadOnlyList<ExtractedFact>> ExtractAsync(ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.UserMessages.Count == 0)
        {
            return [];
        }

        if (!llm.Available)
        {
            WriteBackLog.ExtractionFallback(logger, turn.TurnId, "no chat client or prompt renderer");
            return await heuristic.ExtractAsync(turn, cancellationToken).ConfigureAwait(false);
        }

        var ids = turn.UserMessages.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var variables = new Dictionary<string, object?>
        {
            ["messages"] = WriteBackPromptJsonContext.Serialize(turn.UserMessages.Select(m => new PromptMessage(m.Id, m.Text)).ToList()),
            ["context"] = turn.IsObservation ? $"{PromptValues.Quoted(turn.Context)} (observed by a feature, not said in chat)" : PromptValues.Quoted(turn.Context),
            ["asked"] = turn.IsObservation || string.IsNullOrWhiteSpace(turn.AssistantQuestion) ? "(none)" : turn.AssistantQuestion,
            ["now"] = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };

        string? reason = null;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var answer = await llm.AskAsync(TemplateName, variables, ExtractionSchema.Element, ExtractionSchema.Name, turn.Model, cancellationToken)
                .ConfigureAwait(false);
            var facts = ExtractionAnswerParser.Parse(answer, ids, out reason);
            if (facts is not null)
            {
                if (_grounding)
                {
                    var total = facts.Count;
                    try
                    {
                        var grounded = FactGrounding.Keep(facts, turn, out var dropped);
                        if (dropped is not null)
                        {
                            WriteBackLog.ExtractedFactsUngrounded(logger, turn.TurnId, total - grounded.Count, total, dropped);
                        }

                        facts = grounded;
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // A filter's own failure must not cost the turn its (validated) facts, nor its retries.
                        WriteBackLog.GroundingFailed(logger, turn.TurnId, e);
                    }
                }

                return turn.IsObservation
                    ? [.. facts.Select(f => f with { Confidence = Math.Min(f.Confidence, _options.InferredConfidence) })]
                    : facts;
            }

            WriteBackLog.ExtractionAnswerInvalid(logger, turn.TurnId, attempt, reason ?? "invalid");
        }

        WriteBackLog.ExtractionFallback(logger, turn.TurnId, reason ?? "invalid");
        return await heuristic.ExtractAsync(turn, cancellationToken).ConfigureAwait(false);
    }
}
