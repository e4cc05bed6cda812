using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Guardrails.Audit;

/// <summary>Keyed pseudonyms for user ids: <c>u_</c> + the first 32 hex digits of HMAC-SHA256(key, tenant ‖ id).
/// The tenant is part of the input, so the same id in two tenants gives unrelated pseudonyms.</summary>
internal static partial class UserPseudonymizer
{
    public static string Pseudonymize(byte[] key, string tenant, string userId)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{tenant}\u001f{userId}"));
        return "u_" + Convert.ToHexStringLower(mac)[..32];
    }

    /// <summary>True when <paramref name="value"/> already is a pseudonym.</summary>
    public static bool IsPseudonym(string value) => Shape().IsMatch(value);

    [GeneratedRegex("^u_[0-9a-f]{32}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Shape();
}
