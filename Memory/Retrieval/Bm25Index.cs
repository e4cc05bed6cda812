using Memory.Model;
using Memory.Stores;

namespace Memory.Retrieval;

/// <summary>An immutable Okapi BM25 index over one user's memories (inverted postings, Lucene's non-negative
/// idf). Filters are applied while scoring, so the top-k is always taken among the memories that pass them.</summary>
internal sealed class Bm25Index
{
    private readonly IndexedMemory[] _documents;
    private readonly Dictionary<string, Posting[]> _postings;
    private readonly Dictionary<string, int> _positions;
    private readonly double _k1;
    private readonly double _b;
    private readonly double _averageLength;

    public Bm25Index(IEnumerable<MemoryItem> items, double k1, double b, DateTimeOffset builtAt, bool irregularVerbForms = false)
    {
        ArgumentNullException.ThrowIfNull(items);
        IrregularVerbForms = irregularVerbForms;
        _k1 = k1;
        _b = b;
        BuiltAt = builtAt;
        _documents = items.Select(i => IndexedMemory.Analyse(i, irregularVerbForms)).ToArray();
        _positions = new Dictionary<string, int>(_documents.Length, StringComparer.Ordinal);
        var postings = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        long totalLength = 0;
        long bytes = 256;
        for (var i = 0; i < _documents.Length; i++)
        {
            var document = _documents[i];
            _positions[document.Item.Id] = i;
            totalLength += document.Length;
            bytes += document.EstimatedBytes;
            foreach (var (term, count) in document.TermCounts)
            {
                if (!postings.TryGetValue(term, out var list))
                {
                    postings[term] = list = [];
                    bytes += 64 + (term.Length * 2L);
                }

                list.Add(new Posting(i, count));
                bytes += 8;
            }
        }

        _postings = postings.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _averageLength = _documents.Length == 0 ? 0 : (double)totalLength / _documents.Length;
        EstimatedBytes = bytes;
    }

    public IReadOnlyList<IndexedMemory> Documents => _documents;

    /// <summary>Whether the memories were analysed with irregular past forms mapped to base forms (<see cref="LexicalAnalyzer"/>).</summary>
    public bool IrregularVerbForms { get; }

    /// <summary>A query's distinct index terms, analysed as this index's memories were.</summary>
    public string[] QueryTerms(string? query) => LexicalAnalyzer.Terms(query, IrregularVerbForms).Distinct(StringComparer.Ordinal).ToArray();

    public DateTimeOffset BuiltAt { get; }

    public long EstimatedBytes { get; }

    public IndexedMemory? Find(string id) => _positions.TryGetValue(id, out var i) ? _documents[i] : null;

    /// <summary>The best <paramref name="top"/> memories passing <paramref name="filter"/> that share at least one
    /// term with the query, best first (ties: older first).</summary>
    public List<(IndexedMemory Document, double Score)> Search(IReadOnlyCollection<string> queryTerms, MemoryFilter filter, int top)
    {
        var results = new List<(IndexedMemory, double)>();
        if (queryTerms.Count == 0 || _documents.Length == 0 || top <= 0)
        {
            return results;
        }

        // Per document position: its score and whether the filter was asked (Unknown), refused it, or passed it
        // (Passed; Scored once a term has added to it). Arrays over the positions, not maps: one query touches most of a
        // small user's memories.
        var scores = new double[_documents.Length];
        var states = new byte[_documents.Length];
        var scored = new List<int>();
        foreach (var term in queryTerms)
        {
            if (!_postings.TryGetValue(term, out var postings))
            {
                continue;
            }

            var idf = Idf(postings.Length);
            foreach (var posting in postings)
            {
                var document = posting.Document;
                if (states[document] == Unknown)
                {
                    states[document] = MemoryFilterMatcher.Matches(filter, _documents[document].Item) ? Passed : Refused;
                }

                if (states[document] == Refused)
                {
                    continue;
                }

                if (states[document] == Passed)
                {
                    states[document] = Scored;
                    scored.Add(document);
                }

                scores[document] += idf * TermWeight(posting.Count, _documents[document].Length);
            }
        }

        // Best first, ties by position (older first): a total order, so sorting all is the same as ordering lazily.
        scored.Sort((a, b) =>
        {
            var byScore = scores[b].CompareTo(scores[a]);
            return byScore != 0 ? byScore : a.CompareTo(b);
        });
        for (var i = 0; i < scored.Count && i < top; i++)
        {
            results.Add((_documents[scored[i]], scores[scored[i]]));
        }

        return results;
    }

    private const byte Unknown = 0;
    private const byte Refused = 1;
    private const byte Passed = 2;
    private const byte Scored = 3;

    /// <summary>Exact dense search over the indexed memories: the best <paramref name="top"/> passing
    /// <paramref name="filter"/> whose vector comes from <paramref name="model"/>, by cosine similarity, best first
    /// (ties: older first). What a vector store's search answers, without leaving the process.</summary>
    public List<(IndexedMemory Document, double Score)> DenseSearch(ReadOnlySpan<float> query, string model, MemoryFilter filter, int top)
    {
        var best = new PriorityQueue<int, (double Score, int Position)>(top + 1, DenseOrder.Instance);
        var queryInverseNorm = IndexedMemory.InverseNormOf(query);
        if (queryInverseNorm == 0)
        {
            return []; // a query with no direction (a stop-word-only hash vector) is near nothing, as in the stores
        }

        for (var i = 0; i < _documents.Length && top > 0; i++)
        {
            var item = _documents[i].Item;
            if (!MemoryFilterMatcher.Matches(filter, item) || DenseSimilarity.Cosine(query, queryInverseNorm, _documents[i], model) is not { } score)
            {
                continue;
            }

            best.Enqueue(i, (score, i));
            if (best.Count > top)
            {
                best.Dequeue();
            }
        }

        var results = new List<(IndexedMemory, double)>(best.Count);
        while (best.TryDequeue(out var position, out var key))
        {
            results.Add((_documents[position], key.Score));
        }

        results.Reverse();
        return results;
    }

    /// <summary>The BM25 score of any analysed memory against the query with this index's statistics (a memory
    /// newer than the index counts as a document of its own).</summary>
    public double Score(IReadOnlyCollection<string> queryTerms, IndexedMemory document)
    {
        var score = 0.0;
        foreach (var term in queryTerms)
        {
            if (document.TermCounts.TryGetValue(term, out var count))
            {
                var df = _postings.TryGetValue(term, out var postings) ? postings.Length : 1;
                score += Idf(df) * TermWeight(count, document.Length);
            }
        }

        return score;
    }

    /// <summary><see cref="Score(IReadOnlyCollection{string}, IndexedMemory)"/> with each term's contribution scaled by its
    /// weight (pseudo-relevance feedback: the question's terms at 1, expansion terms below).</summary>
    public double Score(IReadOnlyList<string> terms, IReadOnlyList<double> weights, IndexedMemory document)
    {
        var score = 0.0;
        for (var i = 0; i < terms.Count; i++)
        {
            if (weights[i] != 0 && document.TermCounts.TryGetValue(terms[i], out var count))
            {
                var df = _postings.TryGetValue(terms[i], out var postings) ? postings.Length : 1;
                score += weights[i] * Idf(df) * TermWeight(count, document.Length);
            }
        }

        return score;
    }

    /// <summary>A term's idf in this index (a term no memory holds: the idf of an unseen term).</summary>
    public double TermIdf(string term) => Idf(_postings.TryGetValue(term, out var postings) ? postings.Length : 0);

    /// <summary>The score a memory of average length containing every query term once would get: the sum of the
    /// terms' idf, a term no memory contains counted with the idf of an unseen term. Weighted fusion divides BM25 by it,
    /// so a score says how much of the query's evidence a memory matches.</summary>
    public double AttainableScore(IReadOnlyCollection<string> queryTerms)
    {
        var score = 0.0;
        foreach (var term in queryTerms)
        {
            var df = _postings.TryGetValue(term, out var postings) ? postings.Length : 0;
            score += Idf(df);
        }

        return score;
    }

    /// <summary>The idf mass of the query terms <paramref name="document"/> contains, whatever their counts: with
    /// <see cref="AttainableScore"/> the share of the query's evidence it matches (one generic word of a four-word
    /// question: a small share; the rare name and topic words: most of it).</summary>
    public double MatchedIdf(IReadOnlyCollection<string> queryTerms, IndexedMemory document) =>
        MatchedIdf(queryTerms as IReadOnlyList<string> ?? queryTerms.ToList(), MatchedTermIdf(queryTerms), document);

    /// <summary>Each query term's idf as <see cref="MatchedIdf(IReadOnlyCollection{string}, IndexedMemory)"/> counts it (a
    /// term no memory of the index holds: as if one did), computed once per query for all its candidates.</summary>
    public double[] MatchedTermIdf(IReadOnlyCollection<string> queryTerms)
    {
        var idf = new double[queryTerms.Count];
        var i = 0;
        foreach (var term in queryTerms)
        {
            idf[i++] = Idf(_postings.TryGetValue(term, out var postings) ? postings.Length : 1);
        }

        return idf;
    }

    /// <summary><see cref="MatchedIdf(IReadOnlyCollection{string}, IndexedMemory)"/> with the terms' idf from
    /// <see cref="MatchedTermIdf"/>.</summary>
    public static double MatchedIdf(IReadOnlyList<string> queryTerms, double[] termIdf, IndexedMemory document)
    {
        var mass = 0.0;
        for (var i = 0; i < queryTerms.Count; i++)
        {
            if (document.TermCounts.ContainsKey(queryTerms[i]))
            {
                mass += termIdf[i];
            }
        }

        return mass;
    }

    private double Idf(int documentFrequency)
    {
        var n = Math.Max(_documents.Length, documentFrequency);
        return Math.Log(1 + ((n - documentFrequency + 0.5) / (documentFrequency + 0.5)));
    }

    private double TermWeight(int count, int length)
    {
        var norm = _averageLength > 0 ? length / _averageLength : 1;
        return count * (_k1 + 1) / (count + (_k1 * (1 - _b + (_b * norm))));
    }

    private readonly record struct Posting(int Document, int Count);

    /// <summary>Worst first, so the queue's head is the one to drop: lower score, then the later position.</summary>
    private sealed class DenseOrder : IComparer<(double Score, int Position)>
    {
        public static readonly DenseOrder Instance = new();

        public int Compare((double Score, int Position) x, (double Score, int Position) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : y.Position.CompareTo(x.Position);
        }
    }
}
