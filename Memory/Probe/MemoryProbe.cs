using Memory.Configuration;
using Memory.Model;
using Memory.Text;
using Memory.WriteBack;
using Memory.WriteBack.Extraction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Memory.Probe;

/// <summary>The built-in memory self-test: runs the probe's own cases through the live configuration (store,
/// embedder, fusion, de-duplication, the built-in extractor) with synthetic users of a scratch tenant that no app key
/// can name, and erases them afterwards. One run at a time.</summary>
public sealed class MemoryProbe
{
    private const int TopK = 3;

    private readonly IMemoryService _memory;
    private readonly HeuristicFactExtractor _extractor;
    private readonly MemoryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MemoryProbe> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    internal MemoryProbe(IMemoryService memory, HeuristicFactExtractor extractor, IOptions<MemoryOptions> options,
        TimeProvider time, ILogger<MemoryProbe> logger)
    {
        _memory = memory;
        _extractor = extractor;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Tenant prefix of the scratch users: '~' is not allowed in configured tenant names, so no app key can
    /// ever read or collide with them.</summary>
    public const string ScratchTenantPrefix = "~probe-";

    /// <summary>Runs the self-test; null when another run is in progress. <paramref name="eraseUser"/> erases a
    /// scratch user (the gateway passes its full erasure: pending write-back, audit keys, memory); without it only
    /// the memory store is erased.</summary>
    public async Task<MemoryProbeReport?> TryRunAsync(Func<UserKey, CancellationToken, Task>? eraseUser = null,
        CancellationToken cancellationToken = default)
    {
        if (!await _gate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var tenant = ScratchTenantPrefix + Guid.NewGuid().ToString("N")[..12];
        var users = new List<UserKey>();
        try
        {
            var started = _time.GetTimestamp();
            var latencies = new List<double>();
            var paraphrase = await ParaphraseAsync(tenant, users, latencies, cancellationToken).ConfigureAwait(false);
            var dedup = await DedupAsync(tenant, users, cancellationToken).ConfigureAwait(false);
            var extraction = Extraction(tenant);
            var search = Latency(latencies);
            var report = new MemoryProbeReport(_time.GetUtcNow(), _options.Store, _options.Embedder, paraphrase, dedup,
                extraction, search, _time.GetElapsedTime(started).TotalMilliseconds);
            MemoryProbeLog.Completed(_logger, report.Store, report.Embedder, paraphrase.Top1, paraphrase.Top3,
                dedup.Lossless, dedup.DuplicatesCaught, dedup.Exact, extraction.Precision, extraction.Recall,
                search.P50Ms, report.ElapsedMs);
            return report;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            MemoryProbeLog.Failed(_logger, ex.GetType().Name, ex);
            throw;
        }
        finally
        {
            await EraseAsync(tenant, users, eraseUser).ConfigureAwait(false);
            _gate.Release();
        }
    }

    private async Task<ProbeRetrievalFigures> ParaphraseAsync(string tenant, List<UserKey> users, List<double> latencies,
        CancellationToken cancellationToken)
    {
        var user = new UserKey(tenant, "paraphrase");
        users.Add(user);
        var memories = ProbeCases.Paraphrases.Select(p => p.Memory).Concat(ProbeCases.Distractors)
            .Select(text => new NewMemory { Text = text, Context = "chat" }).ToList();
        var written = await WriteAsync(user, memories, "probe", cancellationToken).ConfigureAwait(false);

        int top1 = 0, top3 = 0;
        for (var i = 0; i < ProbeCases.Paraphrases.Count; i++)
        {
            var expectedId = written[i].Id;
            var started = _time.GetTimestamp();
            var results = await _memory.SearchAsync(user, new MemorySearchRequest { Query = ProbeCases.Paraphrases[i].Question, Limit = TopK },
                cancellationToken).ConfigureAwait(false);
            latencies.Add(_time.GetElapsedTime(started).TotalMilliseconds);
            var rank = results.Select(r => r.Memory.Id).ToList().IndexOf(expectedId);
            top1 += rank == 0 ? 1 : 0;
            top3 += rank is >= 0 and < TopK ? 1 : 0;
        }

        var n = ProbeCases.Paraphrases.Count;
        return new ProbeRetrievalFigures(n, memories.Count, Ratio(top1, n), Ratio(top3, n));
    }

    private async Task<ProbeDedupFigures> DedupAsync(string tenant, List<UserKey> users, CancellationToken cancellationToken)
    {
        int duplicates = 0, caught = 0, distinct = 0, kept = 0, exact = 0;
        for (var i = 0; i < ProbeCases.Dedup.Count; i++)
        {
            var (first, second, expected) = ProbeCases.Dedup[i];
            var user = new UserKey(tenant, $"dedup-{i}");
            users.Add(user);
            await WriteAsync(user, [new NewMemory { Text = first }], "probe", cancellationToken).ConfigureAwait(false);
            var result = await WriteAsync(user, [new NewMemory { Text = second }], "probe", cancellationToken).ConfigureAwait(false);
            var actual = result[0].Event;
            if (expected == DedupExpectation.Duplicate)
            {
                duplicates++;
                caught += actual == MemoryEvent.Noop ? 1 : 0;
            }
            else
            {
                distinct++;
                kept += actual != MemoryEvent.Noop ? 1 : 0;
            }

            var wanted = expected switch
            {
                DedupExpectation.Duplicate => MemoryEvent.Noop,
                DedupExpectation.SameSlot => MemoryEvent.Update,
                _ => MemoryEvent.Add,
            };
            exact += actual == wanted ? 1 : 0;
        }

        return new ProbeDedupFigures(ProbeCases.Dedup.Count, Ratio(caught, duplicates), Ratio(kept, distinct),
            Ratio(exact, ProbeCases.Dedup.Count));
    }

    private ProbeExtractionFigures Extraction(string tenant)
    {
        var user = new UserKey(tenant, "extraction");
        int facts = 0, correct = 0, found = 0;
        foreach (var (turn, mustMention) in ProbeCases.Statements)
        {
            var extracted = _extractor.Extract(Turn(user, turn));
            var wanted = TextAnalyzer.Terms(mustMention);
            var matches = extracted.Count(f => Mentions(f.Text, wanted));
            facts += extracted.Count;
            correct += matches;
            found += matches > 0 ? 1 : 0;
        }

        foreach (var turn in ProbeCases.NonStatements)
        {
            facts += _extractor.Extract(Turn(user, turn)).Count;
        }

        var turns = ProbeCases.Statements.Count + ProbeCases.NonStatements.Count;
        return new ProbeExtractionFigures("heuristic", turns, facts, facts == 0 ? 1 : Ratio(correct, facts),
            Ratio(found, ProbeCases.Statements.Count));
    }

    /// <summary>The probe's own texts go around the memory guard when the service allows it (it measures the store,
    /// the embedder and the fusion, and a guard that fails closed under load must not fail the probe).</summary>
    private Task<IReadOnlyList<MemoryWriteResult>> WriteAsync(UserKey user, IReadOnlyList<NewMemory> memories, string actor,
        CancellationToken cancellationToken) =>
        _memory is IUnscreenedMemoryWrites unscreened
            ? unscreened.WriteUnscreenedAsync(user, memories, actor, cancellationToken)
            : _memory.WriteAsync(user, memories, actor, cancellationToken);

    private ConversationTurn Turn(UserKey user, string text) => new()
    {
        TurnId = "probe",
        User = user,
        Context = "chat",
        UserMessages = [new TurnMessage("probe:1", text)],
        At = _time.GetUtcNow(),
    };

    private static bool Mentions(string factText, List<string> wanted)
    {
        var terms = TextAnalyzer.Terms(factText);
        return wanted.All(terms.Contains);
    }

    private static ProbeLatencyFigures Latency(List<double> samples)
    {
        if (samples.Count == 0)
        {
            return new ProbeLatencyFigures(0, 0, 0);
        }

        samples.Sort();
        return new ProbeLatencyFigures(samples.Count, Percentile(samples, 0.50), Percentile(samples, 0.95));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    private async Task EraseAsync(string tenant, List<UserKey> users, Func<UserKey, CancellationToken, Task>? eraseUser)
    {
        try
        {
            foreach (var user in users)
            {
                // Not the caller's token: a client that leaves must not leave scratch users behind.
                await (eraseUser?.Invoke(user, CancellationToken.None) ?? _memory.EraseUserAsync(user, CancellationToken.None))
                    .ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            MemoryProbeLog.CleanupFailed(_logger, ex.GetType().Name, tenant, ex);
        }
    }
}
