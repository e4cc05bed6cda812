using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Guardrails.Audit;

/// <summary>Keyed pseudonyms: <c>u_</c> + the first 32 hex digits of an HMAC-SHA256. The lookup pseudonym of a user id
/// is HMAC(key, tenant ‖ id): it finds the user's excerpt key (and named events written before per-key pseudonyms).
/// The pseudonym an event carries is HMAC(key, excerpt key id): once erasure destroys that key, nothing leads from
/// the user id to the events any more. The tenant is part of the input, so the same id in two tenants gives unrelated
/// pseudonyms.</summary>
internal static partial class UserPseudonymizer
{
    public static string Pseudonymize(byte[] key, string tenant, string userId)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{tenant}\u001f{userId}"));
        return "u_" + Convert.ToHexStringLower(mac)[..32];
    }

    /// <summary>The pseudonym of the events written under the excerpt key <paramref name="keyId"/>.</summary>
    public static string ForKey(byte[] key, string keyId)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"excerpt-key\u001f{keyId}"));
        return "u_" + Convert.ToHexStringLower(mac)[..32];
    }

    /// <summary>A pseudonym that leads to nobody (an event whose user key could not be had).</summary>
    public static string Unlinked() => "u_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>True when <paramref name="value"/> already is a pseudonym.</summary>
    public static bool IsPseudonym(string value) => Shape().IsMatch(value);

    [GeneratedRegex("^u_[0-9a-f]{32}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Shape();
}
