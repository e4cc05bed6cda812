using Memory.Stores.Qdrant;
using Microsoft.Extensions.Logging.Abstractions;
using Qdrant.Client;

namespace Memory.Tests.Stores.Qdrant;

/// <summary>Builds Qdrant stores the way the gateway does, against a given server (fake or live).</summary>
internal static class QdrantTestStores
{
    public static QdrantMemoryStore Create(Uri url, string prefix = "gateway", string? apiKey = null, TimeProvider? time = null) =>
        Create(new QdrantOptions { Url = url.ToString(), CollectionPrefix = prefix, ApiKey = apiKey }, time);

    public static QdrantMemoryStore Create(QdrantOptions options, TimeProvider? time = null) =>
        new(Client(new Uri(options.Url), options.ApiKey), options, time ?? TimeProvider.System,
            NullLogger<QdrantMemoryStore>.Instance, ownsClient: true);

    public static QdrantClient Client(Uri url, string? apiKey = null) => new(url, apiKey, TimeSpan.FromSeconds(30));
}
