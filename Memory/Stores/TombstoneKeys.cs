using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Memory.Model;

namespace Memory.Stores;

/// <summary>A tombstone is keyed by a hash of the tenant and user, never the ids themselves: after erasure the
/// store keeps only that an erased key exists, not whose it was in readable form.</summary>
internal static class TombstoneKeys
{
    public static string Of(UserKey user) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Create(CultureInfo.InvariantCulture, $"erasure\n{user.Tenant.Length}:{user.Tenant}{user.UserId}"))));
}
