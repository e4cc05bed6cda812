using System.Security.Cryptography;
using System.Text;
using Memory.Model;

namespace Memory.WriteBack;

/// <summary>Deterministic memory ids (UUID-shaped, so every store accepts them): the same turn and fact index, or
/// the same merged cluster, always yields the same id, so a replay after a crash finds what it already wrote.</summary>
internal static class MemoryIds
{
    public static string ForFact(UserKey user, string turnId, int factIndex) =>
        Derive($"wb|{user.Tenant}|{user.UserId}|{turnId}|{factIndex}");

    public static string ForMerge(UserKey user, IEnumerable<string> memberIds) =>
        Derive($"merge|{user.Tenant}|{user.UserId}|{string.Join('|', memberIds.Order(StringComparer.Ordinal))}");

    private static string Derive(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        var bytes = hash[..16].ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5-style (name-based)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes, bigEndian: true).ToString("D");
    }
}
