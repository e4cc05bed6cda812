using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Memory.Model;

namespace Memory.Stores.Qdrant;

/// <summary>Qdrant point ids are UUIDs or integers, memory ids free strings: a memory's point id is the name-based
/// UUID (RFC 9562 version 5) of its tenant, user and id, so the same memory always lands on the same point in
/// every collection, and two users' equal memory ids never collide.</summary>
internal static class QdrantPointIds
{
    /// <summary>The namespace of this gateway's name-based ids.</summary>
    private static readonly Guid Namespace = new("6f1c2b1e-3d52-4b8e-9a8c-0c5d7e2f4a91");

    public static Guid Memory(UserKey user, string memoryId) => NameBased("memory", user, memoryId);

    public static Guid Consent(UserKey user) => NameBased("consent", user, "");

    /// <summary>The user's erasure tombstone (a point without the user key, so erasing the user keeps it).</summary>
    public static Guid Tombstone(UserKey user) => NameBased("tombstone", user, "");

    /// <summary>The store-wide erasure generation counter.</summary>
    public static Guid ErasureCounter { get; } = new("6f1c2b1e-3d52-4b8e-9a8c-0c5d7e2f4a92");

    /// <summary>The combined tenant and user key, unambiguous whatever characters either holds: the tenant's
    /// length, the tenant, then the user id (<c>7:acme-eu:alice</c>).</summary>
    public static string UserKeyValue(UserKey user) =>
        string.Create(CultureInfo.InvariantCulture, $"{user.Tenant.Length}:{user.Tenant}:{user.UserId}");

    private static Guid NameBased(string kind, UserKey user, string id)
    {
        var name = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{kind}\n{user.Tenant.Length}:{user.Tenant}{user.UserId.Length}:{user.UserId}{id}"));
        var input = new byte[16 + name.Length];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version-5 UUIDs; this is naming, not security.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
