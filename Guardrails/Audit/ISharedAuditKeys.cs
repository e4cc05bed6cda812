namespace Guardrails.Audit;

/// <summary>Where the per-user excerpt keys live when several gateway replicas write audit logs (a cluster): one key
/// per user for every replica, so one erasure, on any replica, makes the user's excerpts unreadable on all of them.
/// Keys are stored wrapped (AES-GCM under the audit master secret, which replicas share). Without it each audit
/// database keeps its own keys.</summary>
public interface ISharedAuditKeys
{
    /// <summary>The user's wrapped key: the one already stored, or <paramref name="candidateWrapped"/> stored now under
    /// <paramref name="candidateId"/> (atomically, so two replicas never give one user two keys).</summary>
    /// <exception cref="AuditKeysUnavailableException">The shared store cannot be reached.</exception>
    Task<(string KeyId, byte[] Wrapped)> GetOrAddAsync(string tenant, string pseudonym, string candidateId, byte[] candidateWrapped, CancellationToken cancellationToken = default);

    /// <summary>The id of the user's key, or null when the user has none (never had one, or was erased).</summary>
    /// <exception cref="AuditKeysUnavailableException">The shared store cannot be reached.</exception>
    Task<string?> FindUserKeyIdAsync(string tenant, string pseudonym, CancellationToken cancellationToken = default);

    /// <summary>The wrapped key with this id, or null once its user was erased.</summary>
    /// <exception cref="AuditKeysUnavailableException">The shared store cannot be reached.</exception>
    Task<byte[]?> FindAsync(string keyId, CancellationToken cancellationToken = default);

    /// <summary>Destroys the user's key; returns how many were destroyed.</summary>
    /// <exception cref="AuditKeysUnavailableException">The shared store cannot be reached.</exception>
    Task<int> DeleteUserAsync(string tenant, string pseudonym, CancellationToken cancellationToken = default);
}
