using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Guardrails.Audit;

/// <summary>The canonical serialisation the chain hashes: a JSON object with a fixed field order, every field
/// present, numbers in invariant round-trip form, the excerpt as stored (ciphertext for users, so erasure
/// changes nothing hashed). hash = hex(SHA-256(canonical)); the canonical form includes the previous hash.</summary>
internal static class AuditHasher
{
    /// <summary>The previous hash of the first event of a chain.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string HashEvent(StoredEvent e) => Hash(writer =>
    {
        writer.WriteNumber("v", 1);
        writer.WriteNumber("id", e.Id);
        writer.WriteNumber("at", e.AtMs);
        writer.WriteString("tenant", e.Tenant);
        writer.WriteString("requestId", e.RequestId);
        writer.WriteString("user", e.UserPseudonym);
        writer.WriteString("stage", e.Stage);
        writer.WriteString("rule", e.Rule);
        writer.WriteString("action", e.Action);
        writer.WriteString("score", e.Score.ToString("R", CultureInfo.InvariantCulture));
        writer.WriteString("excerptPlain", e.ExcerptPlain);
        writer.WriteString("excerptCipher", e.ExcerptCipher is null ? null : Convert.ToBase64String(e.ExcerptCipher));
        writer.WriteString("excerptKey", e.ExcerptKey);
        writer.WriteString("templateVersion", e.TemplateVersion);
        writer.WriteString("keyId", e.KeyId);
        writer.WriteString("policyVersion", e.PolicyVersion);
        writer.WriteString("prev", e.PrevHash);
    });

    public static string HashVerdict(StoredVerdict v) => Hash(writer =>
    {
        writer.WriteNumber("v", 1);
        writer.WriteNumber("id", v.Id);
        writer.WriteString("tenant", v.Tenant);
        writer.WriteNumber("eventId", v.EventId);
        writer.WriteString("verdict", v.Verdict);
        writer.WriteString("note", v.Note);
        writer.WriteNumber("at", v.AtMs);
        writer.WriteString("prev", v.PrevHash);
    });

    private static string Hash(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = false }))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }
}

/// <summary>An event row exactly as stored.</summary>
internal sealed record StoredEvent(
    long Id,
    long AtMs,
    string Tenant,
    string RequestId,
    string? UserPseudonym,
    string Stage,
    string Rule,
    string Action,
    double Score,
    string? ExcerptPlain,
    byte[]? ExcerptCipher,
    string? ExcerptKey,
    string? TemplateVersion,
    string? KeyId,
    string? PolicyVersion,
    string PrevHash,
    string Hash);

/// <summary>A verdict row exactly as stored.</summary>
internal sealed record StoredVerdict(long Id, string Tenant, long EventId, string Verdict, string? Note, long AtMs, string PrevHash, string Hash);
