using Memory.Retrieval;
using Microsoft.Extensions.AI;

namespace Memory.Tests.Retrieval;

/// <summary>Starting a request's query embedding with an embedder other than the shipped ones hands the work to the
/// pool: the caller goes on even when everything before the model's answer runs synchronously.</summary>
public sealed class QueryPrefetchTests
{
    private readonly RetrieverFixture _f = new();

    [Fact]
    public async Task Starting_a_query_embedding_does_not_run_the_embedder_on_the_callers_thread()
    {
        using var release = new ManualResetEventSlim();
        using var entered = new ManualResetEventSlim();
        var embedder = new SynchronouslyBlockingEmbedder(_f.Hash, entered, release);
        _f.Embedder = embedder;
        var retriever = _f.Create();
        await _f.AddAsync(RetrieverFixture.Alice, _f.Item("violin", "Alice plays the violin."));
        var prefetch = new QueryEmbeddingPrefetch(retriever, new RetrievalDeadline(Microsoft.Extensions.Options.Options.Create(_f.Options), _f.Time));

        var start = Task.Factory.StartNew(() =>
        {
            var scope = prefetch.Start(RetrieverFixture.Alice, "Which violin strings should I buy?");
            return (scope, Environment.CurrentManagedThreadId);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        // The embedder is held (synchronously) until released; the start must have returned before that.
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)), "the embedder was never called");
        var returned = await Task.WhenAny(start, Task.Delay(TimeSpan.FromSeconds(30)));
        release.Set();
        Assert.Same(start, returned);
        var (scope, startThread) = await start;
        Assert.NotEqual(startThread, embedder.CalledOnThread);
        scope?.Dispose();
    }

    private sealed class SynchronouslyBlockingEmbedder(IEmbeddingGenerator<string, Embedding<float>> inner, ManualResetEventSlim entered, ManualResetEventSlim release)
        : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public int CalledOnThread { get; private set; }

        public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            CalledOnThread = Environment.CurrentManagedThreadId;
            entered.Set();
            release.Wait(TimeSpan.FromSeconds(60), CancellationToken.None);
            return base.GenerateAsync(values, options, cancellationToken);
        }

        // Not the in-process hash embedder as far as the retriever can tell: a model that costs time.
        public override object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(Memory.Embeddings.Hash.HashEmbeddingGenerator) ? null : base.GetService(serviceType, serviceKey);
    }
}
