using Memory.Abstractions;
using Memory.Configuration;
using Memory.Dedup;
using Memory.DirectWrites;
using Memory.Model;
using Memory.Stores;
using Memory.WriteBack.Extraction;
using Microsoft.Extensions.Options;

namespace Memory.WriteBack.Consolidation;

/// <summary>Folds a turn's facts into the user's memory. For each fact it gathers the similar current memories
/// (dense search with the fact's embedding, plus memories in the same or the opposite slot, or about the same
/// subject), decides ADD / UPDATE / SUPERSEDE / DELETE / NOOP (the LLM in <c>llm</c> mode, validated, else the
/// heuristic rules), and writes the change with history. Facts are applied in order, each against the state the
/// previous ones left; a fact already applied by an earlier attempt of the same turn is recognised and skipped.
/// <para>One writer per user: the LLM is asked outside the user's write lock (<see cref="UserWriteLocks"/>, the one
/// API writes, PATCH, DELETE, compression and re-embedding take), then the decisions are applied under it against
/// state read fresh under it. A proposal whose target was deleted or changed meanwhile is dropped and the fact is
/// decided again by the rules on the fresh state, so a slow answer never brings back a deleted memory or undoes a
/// PATCH. The LLM's NOOP and UPDATE are checked by the shared <see cref="DedupRule"/> so no distinct fact is merged
/// away.</para></summary>
internal sealed class MemoryConsolidator(
    IMemoryStore store,
    FactEmbedder embedder,
    MemoryChangeWriter writer,
    LlmConsolidationDecider llmDecider,
    IMemoryContentGuard guard,
    UserWriteLocks locks,
    IOptions<MemoryOptions> memoryOptions,
    IOptions<WriteBackOptions> options,
    TimeProvider time)
{
    private readonly WriteBackOptions _options = options.Value;
    private readonly bool _useLlm = string.Equals(memoryOptions.Value.Extraction.Mode, "llm", StringComparison.OrdinalIgnoreCase);

    public async Task<ConsolidationResult> ConsolidateAsync(ConversationTurn turn, IReadOnlyList<ExtractedFact> facts, CancellationToken cancellationToken = default)
    {
        var result = new ConsolidationResult();
        if (facts.Count == 0)
        {
            return result;
        }

        // An observation a feature reported in its own words ("The user works as a teacher") is placed in the slot
        // its text reads as, so it updates that slot like the user's own statement would.
        facts = [.. facts.Select(MemoryFacts.Reslot)];

        var user = turn.User;
        var vectors = await embedder.EmbedAsync([.. facts.Select(SearchText)], cancellationToken).ConfigureAwait(false);

        IReadOnlyList<ConsolidationDecision>? proposed = null;
        if (_useLlm)
        {
            // The decider is shown the user's memories: not once consent is withdrawn (checked again under the lock).
            if (await store.GetConsentAsync(user, cancellationToken).ConfigureAwait(false) == false)
            {
                result.ConsentWithdrawn = true;
                return result;
            }

            var snapshot = (await store.ListAsync(user, MemoryFilter.Current, cancellationToken).ConfigureAwait(false)).ToList();
            var shown = new Dictionary<string, MemoryItem>(StringComparer.Ordinal);
            for (var i = 0; i < facts.Count; i++)
            {
                foreach (var c in await CandidatesAsync(user, facts[i], vectors[i], snapshot, cancellationToken).ConfigureAwait(false))
                {
                    shown.TryAdd(c.Memory.Id, c.Memory);
                }
            }

            proposed = await llmDecider.DecideAsync(turn, facts, [.. shown.Values], cancellationToken).ConfigureAwait(false);
        }

        using (await locks.AcquireAsync(user, cancellationToken).ConfigureAwait(false))
        {
            // Consent is set under this lock: one withdrawn while the facts were extracted (an LLM call can take
            // seconds) is seen here, and nothing of the turn is written.
            if (await store.GetConsentAsync(user, cancellationToken).ConfigureAwait(false) == false)
            {
                result.ConsentWithdrawn = true;
                return result;
            }

            var current = (await store.ListAsync(user, MemoryFilter.Current, cancellationToken).ConfigureAwait(false)).ToList();
            for (var i = 0; i < facts.Count; i++)
            {
                await ApplyFactAsync(turn, facts[i], i, vectors[i], proposed?[i], current, result, cancellationToken).ConfigureAwait(false);
            }
        }

        return result;
    }

    private async Task ApplyFactAsync(ConversationTurn turn, ExtractedFact fact, int index, float[] vector, ConsolidationDecision? proposed,
        List<MemoryItem> current, ConsolidationResult result, CancellationToken cancellationToken)
    {
        var user = turn.User;
        var now = time.GetUtcNow();
        var sources = SourceRefs.For(turn, fact);
        var id = MemoryIds.ForFact(user, turn.TurnId, index);

        // A replay: this fact's memory was written before the crash. Make sure the rest of its change landed.
        if (await store.GetAsync(user, id, cancellationToken).ConfigureAwait(false) is { } written)
        {
            if (written.Metadata.TryGetValue("supersedes", out var supersededIds))
            {
                var olds = new List<MemoryItem>();
                foreach (var oldId in supersededIds.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (await store.GetAsync(user, oldId, cancellationToken).ConfigureAwait(false) is { } old)
                    {
                        olds.Add(old);
                    }
                }

                await writer.SupersedeAsync(user, olds, written, WriteBackActors.WriteBack, null, cancellationToken).ConfigureAwait(false);
                Replace(current, olds.Select(o => o.Id), null);
            }
            else
            {
                await writer.RepairHistoryAsync(user, written, MemoryEvent.Add, WriteBackActors.WriteBack, cancellationToken).ConfigureAwait(false);
            }

            result.Unchanged++;
            return;
        }

        var candidates = await CandidatesAsync(user, fact, vector, current, cancellationToken).ConfigureAwait(false);
        var decision = Validate(proposed, fact, sources, turn.At, current, candidates)
                       ?? HeuristicConsolidationRules.Decide(fact, sources, turn.At, candidates, _options.NearDuplicateSimilarity);
        string? updateText = null;
        if (decision.Event == MemoryEvent.Update)
        {
            updateText = await AcceptableTextAsync(user, decision.Text, turn.TurnId, cancellationToken).ConfigureAwait(false);
            if (updateText is null && decision.Text is not null && !string.Equals(decision.Text, decision.Targets[0].Text, StringComparison.Ordinal))
            {
                // The merged text was refused (an instruction, a blocked memory): keeping the old text would drop the new
                // value while recording an update. The rules decide on the fact as it was extracted (already admitted).
                decision = HeuristicConsolidationRules.Decide(fact, sources, turn.At, candidates, _options.NearDuplicateSimilarity);
                updateText = decision.Event == MemoryEvent.Update
                    ? await AcceptableTextAsync(user, decision.Text, turn.TurnId, cancellationToken).ConfigureAwait(false)
                    : null;
            }
        }

        switch (decision.Event)
        {
            case MemoryEvent.Add:
            {
                var item = NewMemory(turn, fact, id, sources, vector, now, supersedes: null);
                await writer.AddAsync(user, item, MemoryEvent.Add, null, WriteBackActors.WriteBack, decision.Reason, cancellationToken).ConfigureAwait(false);
                current.Add(item);
                result.Added++;
                break;
            }

            case MemoryEvent.Update:
            {
                var target = decision.Targets[0];
                var text = updateText ?? target.Text;
                var embedding = text == target.Text ? target.Embedding : text == fact.Text ? vector : (await embedder.EmbedAsync([text], cancellationToken).ConfigureAwait(false))[0];
                var updated = target with
                {
                    Text = text,
                    Confidence = ConfidenceDecay.Reinforce(target.Confidence, fact.Confidence),
                    OccurredAt = turn.At > target.OccurredAt ? turn.At : target.OccurredAt,
                    UpdatedAt = now,
                    Sources = SourceRefs.Union(target.Sources, sources),
                    Embedding = embedding,
                    EmbeddingModel = embedding is null ? target.EmbeddingModel : text == target.Text ? target.EmbeddingModel : embedder.ModelId,
                };
                await writer.UpdateAsync(user, target, updated, WriteBackActors.WriteBack, decision.Reason, cancellationToken).ConfigureAwait(false);
                Replace(current, [target.Id], updated);
                result.Updated++;
                break;
            }

            case MemoryEvent.Supersede:
            {
                var item = NewMemory(turn, fact, id, sources, vector, now, supersedes: decision.Targets);
                await writer.SupersedeAsync(user, decision.Targets, item, WriteBackActors.WriteBack, decision.Reason, cancellationToken).ConfigureAwait(false);
                Replace(current, decision.Targets.Select(t => t.Id), item);
                result.Superseded++;
                break;
            }

            case MemoryEvent.Noop when decision.Historical:
            {
                // An older turn processed after a newer one (another replica, a retry): the newer memory stays
                // current and this fact is stored as its past, as processing the turns in order would have left it.
                var newest = decision.Targets.MaxBy(t => t.OccurredAt)!;
                var item = NewMemory(turn, fact, id, sources, vector, now, supersedes: null);
                await writer.AddHistoricalAsync(user, item, newest, WriteBackActors.WriteBack, decision.Reason, cancellationToken).ConfigureAwait(false);
                result.Historical++;
                break;
            }

            case MemoryEvent.Delete:
                foreach (var target in decision.Targets)
                {
                    await writer.DeleteAsync(user, target, WriteBackActors.WriteBack, now, decision.Reason, cancellationToken).ConfigureAwait(false);
                }

                Replace(current, decision.Targets.Select(t => t.Id), null);
                result.Deleted++;
                break;

            default:
                if (decision.Targets.Count == 1 && SourceRefs.Covers(decision.Targets[0].Sources, sources))
                {
                    // Already applied by an earlier attempt of this turn: only the history may be missing.
                    await writer.RepairHistoryAsync(user, decision.Targets[0], MemoryEvent.Update, WriteBackActors.WriteBack, cancellationToken).ConfigureAwait(false);
                }

                result.Unchanged++;
                break;
        }
    }

    /// <summary>The LLM's decision if it still fits the current state, the time rules and the de-duplication rule,
    /// else null (the heuristic rules decide on the fresh state). A target deleted or changed since the LLM saw it
    /// (a PATCH, another write) voids the proposal; a NOOP must name no fact that no shown memory already holds; an
    /// UPDATE must be a duplicate, refinement or slot change of its target, and its text must keep the new fact's
    /// details (and the target's, unless the slot's value changed).</summary>
    private static ConsolidationDecision? Validate(ConsolidationDecision? proposed, ExtractedFact fact, IReadOnlyList<string> sources,
        DateTimeOffset factTime, List<MemoryItem> current, IReadOnlyList<Candidate> candidates)
    {
        if (proposed is null)
        {
            return null;
        }

        var live = new List<MemoryItem>();
        foreach (var target in proposed.Targets)
        {
            if (current.Find(m => m.Id == target.Id) is not { } now || now.UpdatedAt != target.UpdatedAt ||
                !string.Equals(now.Text, target.Text, StringComparison.Ordinal))
            {
                return null;
            }

            live.Add(now);
        }

        switch (proposed.Event)
        {
            case MemoryEvent.Noop when fact.Action == FactAction.Assert:
                return candidates.Any(c => DedupRule.Compare(c.Memory.Text, fact.Text, similar: true).Verdict == DedupVerdict.Duplicate)
                    ? proposed
                    : null;
            case MemoryEvent.Update:
            {
                var target = live[0];
                var rule = DedupRule.Compare(target.Text, fact.Text, similar: true);
                if (rule.Verdict == DedupVerdict.Distinct)
                {
                    return null;
                }

                if (rule.Verdict == DedupVerdict.Duplicate && SourceRefs.Covers(target.Sources, sources))
                {
                    return new ConsolidationDecision(MemoryEvent.Noop, live);
                }

                var text = proposed.Text ?? rule.Verdict switch
                {
                    DedupVerdict.Duplicate when rule.Differences == DetailKinds.None && factTime >= target.OccurredAt => fact.Text,
                    DedupVerdict.Duplicate => target.Text,
                    _ => fact.Text,
                };
                var keepsDetails = DedupRule.Keeps(text, fact.Text) && (rule.Verdict == DedupVerdict.SlotChange || DedupRule.Keeps(text, target.Text));
                return keepsDetails ? proposed with { Targets = live, Text = text, Reason = HistoryReasons.LlmPrefix + rule.Reason } : null;
            }

            // A fact ends only what it replaces, and a retraction deletes only what it names: an answer that would end
            // or delete anything else (every memory it was shown, an allergy for a liked band) is not followed.
            case MemoryEvent.Supersede when fact.Action != FactAction.Assert || !live.TrueForAll(m => HeuristicConsolidationRules.MaySupersede(fact, m)):
                return null;
            case MemoryEvent.Supersede when live.Exists(m => m.OccurredAt > factTime):
                return ConsolidationDecision.History([.. live.Where(m => m.OccurredAt > factTime)], HistoryReasons.LlmPrefix + HistoryReasons.Superseded);
            case MemoryEvent.Supersede:
                return proposed with { Targets = live, Reason = HistoryReasons.LlmPrefix + HistoryReasons.Superseded };
            case MemoryEvent.Delete when fact.Action != FactAction.Retract || !live.TrueForAll(m => HeuristicConsolidationRules.RetractionMatches(fact, m)):
                return null;
            case MemoryEvent.Delete:
                return proposed with { Targets = live, Reason = HistoryReasons.LlmPrefix + HistoryReasons.Retracted };
            case MemoryEvent.Add:
                return proposed with { Targets = live, Reason = HistoryReasons.LlmPrefix + HistoryReasons.New };
            default:
                return proposed with { Targets = live };
        }
    }

    /// <summary>Null when the text would instruct the system or the memory guard refuses it; else the (possibly
    /// redacted) text to store.</summary>
    private async Task<string?> AcceptableTextAsync(UserKey user, string? text, string turnId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text) || InstructionFilter.IsInstruction(text))
        {
            return null;
        }

        var verdict = await guard.CheckAsync(user, text, MemoryGuardPoint.BeforeStore, turnId, cancellationToken).ConfigureAwait(false);
        GuardCheckUnfinished.ThrowIf(verdict);
        return verdict.Allowed ? verdict.Text : null;
    }

    private async Task<IReadOnlyList<Candidate>> CandidatesAsync(UserKey user, ExtractedFact fact, float[] vector, List<MemoryItem> current,
        CancellationToken cancellationToken)
    {
        var byId = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        var dense = await store.SearchAsync(user, vector, embedder.ModelId, MemoryFilter.Current, Math.Max(1, _options.CandidateCount), cancellationToken)
            .ConfigureAwait(false);
        foreach (var hit in dense)
        {
            if (current.Find(m => m.Id == hit.Memory.Id) is { } live)
            {
                byId[live.Id] = new Candidate(live, hit.Score);
            }
        }

        var opposite = FactSlots.Opposite(fact.Slot);
        foreach (var memory in current)
        {
            if (byId.ContainsKey(memory.Id))
            {
                continue;
            }

            var (slot, _) = MemoryFacts.Read(memory);
            var related = (slot is not null && (slot == fact.Slot || slot == opposite)) ||
                          (slot == FactSlots.Diet && DietRules.SaysEats(fact.Text)) ||
                          (fact.Subject is not null && (fact.Action == FactAction.Retract || slot is null) && MemoryFacts.IsAbout(memory, fact.Subject));
            if (related)
            {
                var similarity = memory.EmbeddingModel == embedder.ModelId ? FactEmbedder.Cosine(vector, memory.Embedding) : 0;
                byId[memory.Id] = new Candidate(memory, similarity);
            }
        }

        return [.. byId.Values.OrderByDescending(c => c.Similarity)];
    }

    private MemoryItem NewMemory(ConversationTurn turn, ExtractedFact fact, string id, IReadOnlyList<string> sources, float[] vector,
        DateTimeOffset now, IReadOnlyList<MemoryItem>? supersedes)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FactSlots.MetadataKey] = fact.Slot,
            ["origin"] = turn.IsObservation ? "observation" : WriteBackActors.WriteBack,
        };
        if (fact.Subject is not null)
        {
            metadata[FactSlots.SubjectKey] = fact.Subject;
        }

        if (supersedes is { Count: > 0 })
        {
            metadata["supersedes"] = string.Join(',', supersedes.Select(s => s.Id));
        }

        return new MemoryItem
        {
            Id = id,
            Text = fact.Text,
            Context = string.IsNullOrWhiteSpace(fact.Context) ? turn.Context : fact.Context,
            Confidence = Math.Clamp(fact.Confidence, 0, 1),
            OccurredAt = turn.At,
            CreatedAt = now,
            UpdatedAt = now,
            Sources = sources,
            Metadata = metadata,
            EmbeddingModel = embedder.ModelId,
            Embedding = vector,
        };
    }

    private static string SearchText(ExtractedFact fact) =>
        fact.Action == FactAction.Retract && fact.Subject is not null && fact.Text.StartsWith("Forget: ", StringComparison.Ordinal) && fact.Slot == WriteBackSlots.Any
            ? fact.Subject
            : fact.Text;

    private static void Replace(List<MemoryItem> current, IEnumerable<string> removedIds, MemoryItem? added)
    {
        var removed = removedIds.ToHashSet(StringComparer.Ordinal);
        current.RemoveAll(m => removed.Contains(m.Id));
        if (added is not null)
        {
            current.Add(added);
        }
    }
}
