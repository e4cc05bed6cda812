namespace Memory.Tests.Stores.Qdrant;

/// <summary>The live Qdrant the live suites use: <c>QDRANT_URL</c> (gRPC, e.g. <c>http://localhost:6334</c>) and
/// optionally <c>QDRANT_API_KEY</c>. Unset: the live tests are skipped.</summary>
internal static class LiveQdrant
{
    public const string UrlVariable = "QDRANT_URL";
    public const string ApiKeyVariable = "QDRANT_API_KEY";

    public static string? SkipReason => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(UrlVariable))
        ? $"Set {UrlVariable} (Qdrant's gRPC URL, e.g. http://localhost:6334) to run the live Qdrant tests."
        : null;

    public static Uri Url => new(Environment.GetEnvironmentVariable(UrlVariable)
        ?? throw new InvalidOperationException($"{UrlVariable} is not set."));

    public static string? ApiKey => Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } key ? key : null;

    /// <summary>A collection prefix no other run uses, so runs never see each other's data.</summary>
    public static string NewPrefix(string kind) => $"{kind}-{Guid.NewGuid():N}"[..(kind.Length + 13)];

    /// <summary>Deletes every collection of <paramref name="prefix"/>.</summary>
    public static async Task DeleteCollectionsAsync(string prefix)
    {
        using var client = QdrantTestStores.Client(Url, ApiKey);
        foreach (var name in await client.ListCollectionsAsync())
        {
            if (name.StartsWith(prefix + "_", StringComparison.Ordinal))
            {
                await client.DeleteCollectionAsync(name);
            }
        }
    }
}
