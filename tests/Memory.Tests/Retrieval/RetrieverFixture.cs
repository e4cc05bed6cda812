using Memory.Configuration;
using Memory.Embeddings.Hash;
using Memory.Model;
using Memory.Retrieval;
using Memory.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TestDoubles;

namespace Memory.Tests.Retrieval;

/// <summary>A hybrid retriever over the in-memory store with the hash embedder and a fake clock.</summary>
internal sealed class RetrieverFixture
{
    public static readonly UserKey Alice = new("acme", "alice");

    public InMemoryMemoryStore Store { get; } = new();
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    public HashEmbeddingGenerator Hash { get; } = new();
    public IEmbeddingGenerator<string, Embedding<float>>? Embedder { get; set; }
    public RetrievalOptions Options { get; } = new();
    public MemoryOptions Memory { get; } = new();
    public TiktokenTokenCounter Tokens { get; } = new();

    public HybridRetriever Create() => new(Store, Embedder ?? Hash, Tokens,
        Microsoft.Extensions.Options.Options.Create(Memory), Microsoft.Extensions.Options.Options.Create(Options),
        Time, NullLogger<HybridRetriever>.Instance);

    public MemoryItem Item(string id, string text, string context = "chat", double confidence = 1.0, double ageDays = 1,
        DateTimeOffset? validTo = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var at = Time.GetUtcNow() - TimeSpan.FromDays(ageDays);
        return new MemoryItem
        {
            Id = id,
            Text = text,
            Context = context,
            Confidence = confidence,
            OccurredAt = at,
            CreatedAt = at,
            UpdatedAt = at,
            ValidTo = validTo,
            Sources = [id],
            Metadata = metadata ?? new Dictionary<string, string>(),
            EmbeddingModel = Hash.ModelId,
            Embedding = Hash.Embed(text),
        };
    }

    public Task AddAsync(UserKey user, params MemoryItem[] items) => Store.UpsertAsync(user, items);
}
