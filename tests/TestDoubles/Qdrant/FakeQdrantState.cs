using Google.Protobuf;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace TestDoubles.Qdrant;

/// <summary>Everything the fake Qdrant holds: its collections and the requests it received. One lock serialises
/// all reads and writes, which gives the same read-your-writes behaviour as Qdrant with <c>wait=true</c>.</summary>
internal sealed class FakeQdrantState(FakeQdrantOptions options)
{
    private readonly Dictionary<string, FakeCollection> _collections = new(StringComparer.Ordinal);
    private readonly List<RecordedQdrantRequest> _requests = [];

    public FakeQdrantOptions Options { get; } = options;
    public object Gate { get; } = new();

    public Dictionary<string, FakeCollection> Collections => _collections;

    /// <summary>The named collection, or Qdrant's NotFound error. Call under <see cref="Gate"/>.</summary>
    public FakeCollection Require(string name) =>
        _collections.TryGetValue(name, out var collection) ? collection : throw QdrantErrors.CollectionNotFound(name);

    public void Record(ServerCallContext context, IMessage request)
    {
        var slash = context.Method.LastIndexOf('/');
        var service = context.Method[1..slash];
        var method = context.Method[(slash + 1)..];
        var nameField = request.Descriptor.FindFieldByName("collection_name");
        var collection = nameField?.Accessor.GetValue(request) as string;
        var recorded = new RecordedQdrantRequest(service, method, collection, request.ToByteArray(), JsonFormatter.Default.Format(request));
        lock (_requests)
        {
            _requests.Add(recorded);
        }
    }

    public IReadOnlyList<RecordedQdrantRequest> Requests()
    {
        lock (_requests)
        {
            return [.. _requests];
        }
    }

    public void ClearRequests()
    {
        lock (_requests)
        {
            _requests.Clear();
        }
    }
}
