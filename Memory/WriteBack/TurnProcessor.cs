using Memory.Abstractions;
using Memory.Configuration;
using Memory.Retrieval;
using Memory.Stores;
using Memory.WriteBack.Compression;
using Memory.WriteBack.Consolidation;
using Memory.WriteBack.Extraction;
using Memory.WriteBack.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Memory.WriteBack;

/// <summary>Writes back one claimed turn: consent check, extract (or reuse the checkpoint of an earlier attempt),
/// drop instructions, memory-stage guard, checkpoint, consolidate, invalidate retrieval, compress.</summary>
internal sealed class TurnProcessor(
    IOutboxQueue outbox,
    IMemoryStore store,
    IFactExtractor extractor,
    HeuristicFactExtractor heuristic,
    MemoryConsolidator consolidator,
    MemoryCompressor compressor,
    IMemoryContentGuard guard,
    IMemoryRetriever? retriever,
    IOptions<MemoryOptions> memoryOptions,
    IOptions<WriteBackOptions> options,
    ILogger<TurnProcessor> logger)
{
    private readonly WriteBackOptions _options = options.Value;
    private readonly bool _llmMode = string.Equals(memoryOptions.Value.Extraction.Mode, "llm", StringComparison.OrdinalIgnoreCase);

    /// <summary>Processes the turn; returns how the outbox should finish it. Throws on failures worth a retry.</summary>
    public async Task<OutboxState> ProcessAsync(OutboxLease lease, CancellationToken cancellationToken = default)
    {
        // Embeddings made for this turn are cached in its tenant's partition and dropped with its user at erasure.
        using (Embeddings.EmbeddingOwner.Use(lease.Turn.User))
        {
            return await ProcessOwnedAsync(lease, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<OutboxState> ProcessOwnedAsync(OutboxLease lease, CancellationToken cancellationToken)
    {
        var turn = lease.Turn;
        if (await store.GetConsentAsync(turn.User, cancellationToken).ConfigureAwait(false) == false)
        {
            WriteBackLog.TurnDroppedNoConsent(logger, turn.TurnId);
            return OutboxState.Dropped;
        }

        IReadOnlyList<ExtractedFact> facts;
        var refused = 0;
        if (lease.Checkpoint is { } saved)
        {
            facts = saved;
            WriteBackLog.ReplayedFromCheckpoint(logger, turn.TurnId, facts.Count);
        }
        else
        {
            var extracted = await ExtractAsync(lease, cancellationToken).ConfigureAwait(false);
            (facts, refused) = await AdmitAsync(turn, extracted, cancellationToken).ConfigureAwait(false);
            await outbox.SaveCheckpointAsync(lease, facts, cancellationToken).ConfigureAwait(false);
        }

        var result = await consolidator.ConsolidateAsync(turn, facts, cancellationToken).ConfigureAwait(false);
        if (result.ConsentWithdrawn)
        {
            WriteBackLog.TurnDroppedNoConsent(logger, turn.TurnId);
            return OutboxState.Dropped;
        }

        if (result.Changed)
        {
            retriever?.Invalidate(turn.User);
            // Compression sends the user's memories to the model: not once consent is withdrawn.
            if (await store.GetConsentAsync(turn.User, cancellationToken).ConfigureAwait(false) != false &&
                await compressor.CompressAsync(turn.User, turn.Model, cancellationToken).ConfigureAwait(false))
            {
                retriever?.Invalidate(turn.User);
            }
        }

        WriteBackLog.TurnProcessed(logger, turn.TurnId, facts.Count, result.Added, result.Updated, result.Superseded, result.Deleted,
            refused);
        return OutboxState.Done;
    }

    private async Task<IReadOnlyList<ExtractedFact>> ExtractAsync(OutboxLease lease, CancellationToken cancellationToken)
    {
        try
        {
            return await extractor.ExtractAsync(lease.Turn, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (_llmMode && lease.Attempts >= _options.MaxAttempts && !cancellationToken.IsCancellationRequested)
        {
            // The upstream kept failing; rather than poison the turn, learn what the heuristics can.
            WriteBackLog.ExtractionFallback(logger, lease.Turn.TurnId, ex.GetType().Name);
            return await heuristic.ExtractAsync(lease.Turn, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Only what may be stored: no instructions to the system, nothing the memory guard refuses (a refusal
    /// is audited by the guard itself); allowed text may come back redacted.</summary>
    private async Task<(IReadOnlyList<ExtractedFact> Facts, int Refused)> AdmitAsync(ConversationTurn turn, IReadOnlyList<ExtractedFact> extracted, CancellationToken cancellationToken)
    {
        var admitted = new List<ExtractedFact>(extracted.Count);
        var instructions = 0;
        var refused = 0;
        foreach (var fact in extracted)
        {
            if (InstructionFilter.IsInstruction(fact.Text))
            {
                instructions++;
                continue;
            }

            if (fact.Action == FactAction.Retract)
            {
                admitted.Add(fact);
                continue;
            }

            var verdict = await guard.CheckAsync(turn.User, fact.Text, MemoryGuardPoint.BeforeStore, turn.TurnId, cancellationToken).ConfigureAwait(false);
            GuardCheckUnfinished.ThrowIf(verdict);
            if (!verdict.Allowed)
            {
                WriteBackLog.FactRefusedByGuard(logger, turn.TurnId, verdict.Rule ?? "unspecified");
                refused++;
                continue;
            }

            var admittedFact = string.Equals(verdict.Text, fact.Text, StringComparison.Ordinal) ? fact : fact with { Text = verdict.Text };

            // The model's subject and context are stored too (metadata, the memory's context): a subject the guard would
            // change (a card number, an e-mail) is dropped, and a context that is no feature name is the turn's own.
            if (admittedFact.Subject is { } subject)
            {
                var subjectVerdict = await guard.CheckAsync(turn.User, subject, MemoryGuardPoint.BeforeStore, turn.TurnId, cancellationToken).ConfigureAwait(false);
                GuardCheckUnfinished.ThrowIf(subjectVerdict);
                if (!subjectVerdict.Allowed || !string.Equals(subjectVerdict.Text, subject, StringComparison.Ordinal))
                {
                    admittedFact = admittedFact with { Subject = null };
                }
            }

            if (admittedFact.Context is { } context && !MemoryLimits.IsFeatureName(context))
            {
                admittedFact = admittedFact with { Context = null };
            }

            admitted.Add(admittedFact);
        }

        if (instructions > 0)
        {
            WriteBackLog.FactsDroppedAsInstructions(logger, turn.TurnId, instructions);
        }

        return (admitted, refused + instructions);
    }
}
