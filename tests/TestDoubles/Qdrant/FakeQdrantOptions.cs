namespace TestDoubles.Qdrant;

/// <summary>How the fake Qdrant behaves.</summary>
public sealed record FakeQdrantOptions
{
    /// <summary>When set, every call must carry this value in the <c>api-key</c> header (as Qdrant's
    /// <c>service.api_key</c>); otherwise it fails with Unauthenticated.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Emulates Qdrant's strict mode with <c>unindexed_filtering_retrieve/update: false</c>: a filter on
    /// a payload key without a suitable payload index is rejected with InvalidArgument. On by default so tests
    /// prove every filtered key is indexed.</summary>
    public bool RequireIndexedFilterFields { get; init; } = true;

    /// <summary>The loopback port to listen on; 0 (the default) takes a free one.</summary>
    public int Port { get; init; }
}
