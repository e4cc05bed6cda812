using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TestDoubles.Qdrant;

/// <summary>A fake Qdrant on loopback speaking Qdrant's own gRPC protocol (compiled from Qdrant's .proto files),
/// with real in-memory semantics: collections, points, payload indexes, filters, cosine search, scroll offsets.
/// Point <c>Qdrant.Client.QdrantClient</c> at <see cref="Url"/>. Every request is recorded so tests can assert what
/// was pushed down.</summary>
public sealed class FakeQdrantServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeQdrantState _state;

    private FakeQdrantServer(WebApplication app, FakeQdrantState state, Uri url)
    {
        _app = app;
        _state = state;
        Url = url;
    }

    /// <summary>The gRPC address, e.g. <c>http://127.0.0.1:51234</c> (HTTP/2 without TLS).</summary>
    public Uri Url { get; }

    /// <summary>Every request received so far, oldest first.</summary>
    public IReadOnlyList<RecordedQdrantRequest> Requests => _state.Requests();

    /// <summary>Starts a fresh, empty fake on a free loopback port.</summary>
    public static async Task<FakeQdrantServer> StartAsync(FakeQdrantOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeQdrantOptions();
        var state = new FakeQdrantState(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton<RecordingInterceptor>();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<RecordingInterceptor>();
            grpc.EnableDetailedErrors = true;
        });

        var app = builder.Build();
        app.MapGrpcService<FakeCollectionsService>();
        app.MapGrpcService<FakePointsService>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        return new FakeQdrantServer(app, state, new Uri(address));
    }

    /// <summary>Forgets the recorded requests (collections and points stay).</summary>
    public void ClearRequests() => _state.ClearRequests();

    /// <summary>Names of the existing collections, in ordinal order.</summary>
    public IReadOnlyList<string> CollectionNames()
    {
        lock (_state.Gate)
        {
            return [.. _state.Collections.Keys.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>How a collection was created and how many points it holds, or null when it does not exist.</summary>
    public FakeCollectionInfo? Collection(string name)
    {
        lock (_state.Gate)
        {
            return _state.Collections.TryGetValue(name, out var c)
                ? new FakeCollectionInfo(c.Name, c.VectorSize, c.Distance.ToString(), c.ShardNumber, c.ReplicationFactor, c.Points.Count)
                : null;
        }
    }

    /// <summary>The payload indexes of a collection (empty when it does not exist).</summary>
    public IReadOnlyList<PayloadIndexInfo> PayloadIndexes(string collection)
    {
        lock (_state.Gate)
        {
            return _state.Collections.TryGetValue(collection, out var c)
                ? [.. c.Indexes.OrderBy(i => i.Key, StringComparer.Ordinal)
                    .Select(i => new PayloadIndexInfo(i.Key, i.Value.DataType.ToString(), FieldIndexTypes.IsTenant(i.Value.Params)))]
                : [];
        }
    }

    /// <summary>True when any stored payload value, in any collection, contains <paramref name="text"/>
    /// (to prove erasure left nothing behind).</summary>
    public bool AnyPayloadContains(string text)
    {
        lock (_state.Gate)
        {
            return _state.Collections.Values.SelectMany(c => c.Points.Values)
                .Any(p => p.Payload.ToString().Contains(text, StringComparison.Ordinal) ||
                          p.Payload.Values.Any(v => v.ToString().Contains(text, StringComparison.Ordinal)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
