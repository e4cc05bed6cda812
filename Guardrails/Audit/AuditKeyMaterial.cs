using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Guardrails.Audit;

/// <summary>The audit master secret — <c>Guardrails:PseudonymKey</c>, or a random key generated once into
/// <c>audit.key</c> beside the database — and the two keys derived from it: one for user pseudonyms
/// (HMAC-SHA256), one that wraps each user's excerpt key (AES-GCM); other parts of the gateway derive theirs by
/// purpose (<see cref="KeyFor"/>).</summary>
internal sealed class AuditKeyMaterial
{
    public const string KeyFileName = "audit.key";

    private readonly byte[] _derivation;

    private AuditKeyMaterial(byte[] master)
    {
        PseudonymKey = HMACSHA256.HashData(master, "audit-pseudonym-v1"u8);
        WrappingKey = HMACSHA256.HashData(master, "audit-key-wrap-v1"u8);
        _derivation = HMACSHA256.HashData(master, "gateway-derived-keys-v1"u8);
    }

    public byte[] PseudonymKey { get; }

    public byte[] WrappingKey { get; }

    /// <summary>The key of one purpose (HMAC-SHA256 of its label under a key of its own).</summary>
    public byte[] KeyFor(string purpose) => HMACSHA256.HashData(_derivation, Encoding.UTF8.GetBytes(purpose));

    public static AuditKeyMaterial Load(string? configuredKey, string directory, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(configuredKey))
        {
            return new AuditKeyMaterial(Decode(configuredKey));
        }

        var path = Path.Combine(directory, KeyFileName);
        if (!File.Exists(path))
        {
            var key = RandomNumberGenerator.GetBytes(32);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using (var stream = new FileStream(path, options))
                using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
                {
                    writer.Write(Convert.ToBase64String(key));
                }

                GuardrailsLog.AuditKeyGenerated(logger, path);
                return new AuditKeyMaterial(key);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }

        return new AuditKeyMaterial(Decode(File.ReadAllText(path).Trim()));
    }

    private static byte[] Decode(string key)
    {
        var buffer = new byte[key.Length];
        return Convert.TryFromBase64String(key, buffer, out var written) && written >= 16
            ? buffer[..written]
            : Encoding.UTF8.GetBytes(key);
    }
}
