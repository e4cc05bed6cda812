using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Gateway.Auth;

/// <summary>Resolves a presented bearer key to its caller in constant time: keys are held only as SHA-256 digests
/// and every configured digest is compared with <see cref="CryptographicOperations.FixedTimeEquals"/>.</summary>
public sealed class AppKeyRegistry
{
    private readonly (byte[] Digest, CallerIdentity Caller, int? RequestsPerMinute)[] _keys;

    public AppKeyRegistry(IOptions<AuthOptions> options)
    {
        _keys = options.Value.Keys.Select((k, i) => (
            SHA256.HashData(Encoding.UTF8.GetBytes(k.Key)),
            new CallerIdentity(
                k.Tenant,
                k.Id ?? $"key-{i}",
                k.Scopes.Count == 0 ? new HashSet<string>(StringComparer.Ordinal) { Scope.Admin } : k.Scopes.ToHashSet(StringComparer.Ordinal),
                string.IsNullOrWhiteSpace(k.Template) ? null : k.Template.Trim()),
            k.RequestsPerMinute)).ToArray();
    }

    /// <summary>True when at least one key is configured (every /v1 call then needs one).</summary>
    public bool Enabled => _keys.Length > 0;

    public int Count => _keys.Length;

    /// <summary>The caller for <paramref name="presented"/>, or null. Takes the same time whichever key matches.</summary>
    public CallerIdentity? Resolve(ReadOnlySpan<char> presented, out int? requestsPerMinute)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        var bytes = Encoding.UTF8.GetBytes(presented.ToArray());
        SHA256.HashData(bytes, digest);
        CallerIdentity? match = null;
        requestsPerMinute = null;
        foreach (var (d, caller, rpm) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(d, digest))
            {
                match = caller;
                requestsPerMinute = rpm;
            }
        }

        return match;
    }
}
