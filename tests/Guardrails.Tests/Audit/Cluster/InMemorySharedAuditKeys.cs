using System.Collections.Concurrent;
using Guardrails.Audit;

namespace Guardrails.Tests.Audit.Cluster;

/// <summary>Shared excerpt keys held in memory, as another replica's store would hold them; can be made unreachable.</summary>
internal sealed class InMemorySharedAuditKeys : ISharedAuditKeys
{
    private readonly ConcurrentDictionary<(string Tenant, string Pseudonym), (string Id, byte[] Wrapped)> _byUser = new();
    private readonly ConcurrentDictionary<string, byte[]> _byId = new(StringComparer.Ordinal);

    public bool Reachable { get; set; } = true;

    public int Count => _byUser.Count;

    public Task<(string KeyId, byte[] Wrapped)> GetOrAddAsync(string tenant, string pseudonym, string candidateId, byte[] candidateWrapped, CancellationToken cancellationToken = default)
    {
        EnsureReachable();
        var stored = _byUser.GetOrAdd((tenant, pseudonym), _ =>
        {
            _byId[candidateId] = candidateWrapped;
            return (candidateId, candidateWrapped);
        });
        return Task.FromResult(stored);
    }

    public Task<string?> FindUserKeyIdAsync(string tenant, string pseudonym, CancellationToken cancellationToken = default)
    {
        EnsureReachable();
        return Task.FromResult(_byUser.TryGetValue((tenant, pseudonym), out var stored) ? stored.Id : null);
    }

    public Task<byte[]?> FindAsync(string keyId, CancellationToken cancellationToken = default)
    {
        EnsureReachable();
        return Task.FromResult(_byId.GetValueOrDefault(keyId));
    }

    public Task<int> DeleteUserAsync(string tenant, string pseudonym, CancellationToken cancellationToken = default)
    {
        EnsureReachable();
        if (_byUser.TryRemove((tenant, pseudonym), out var removed))
        {
            _byId.TryRemove(removed.Id, out _);
            return Task.FromResult(1);
        }

        return Task.FromResult(0);
    }

    private void EnsureReachable()
    {
        if (!Reachable)
        {
            throw new AuditKeysUnavailableException();
        }
    }
}
