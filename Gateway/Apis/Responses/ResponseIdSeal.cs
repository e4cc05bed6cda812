using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Gateway.Pipeline;
using Guardrails.Audit;

namespace Gateway.Apis.Responses;

/// <summary>Binds the response ids an upstream stored to the tenant and end user they were made for. Every tenant's
/// calls reach the upstream under the gateway's own key, so the upstream would continue any stored response for
/// anyone who names it, and a stored response holds its user's personalized prompt. The gateway hands out
/// <c>{upstream id}_{seal}</c>, the seal a keyed hash (from the audit master secret, the same on every replica) of the
/// tenant, the user (for a call without one, the app key) and the id; a <c>previous_response_id</c> goes upstream only when its seal is the caller's.</summary>
internal sealed class ResponseIdSeal(IDerivedKeys keys)
{
    /// <summary>Hex characters of the seal (128 bits).</summary>
    internal const int SealChars = 32;

    private readonly byte[] _key = keys.KeyFor("response-id-seal-v1");

    /// <summary>The id of the app's response: the upstream's own, sealed, when it answered in Responses (so a later
    /// <c>previous_response_id</c> finds it there), else a new one (nothing was stored).</summary>
    public string ResponseId(string? upstreamId, ChatRequestContext context) =>
        upstreamId is { Length: > 5 } id && id.StartsWith("resp_", StringComparison.Ordinal) ? Seal(id, context) : ResponseIds.New("resp_");

    /// <summary>The <c>previous_response_id</c> echoed in the answer: as the app sent it (the request carries the
    /// upstream's id once opened).</summary>
    public string? PreviousResponseId(ChatRequestContext context) =>
        context.NativeBody?["previous_response_id"] is { } node && Json.String(node) is { Length: > 0 } id ? Seal(id, context) : null;

    /// <summary>The id the app gets for a response the upstream made.</summary>
    public string Seal(string upstreamId, ChatRequestContext context) => upstreamId + "_" + Tag(upstreamId, context);

    /// <summary>The upstream's id inside <paramref name="presented"/> when the seal is the caller's; null otherwise
    /// (another tenant's or user's response, or an id the gateway never handed out).</summary>
    public string? Open(string presented, ChatRequestContext context)
    {
        var split = presented.Length - SealChars - 1;
        if (split < 1 || presented[split] != '_')
        {
            return null;
        }

        var upstreamId = presented[..split];
        var expected = Tag(upstreamId, context);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.UTF8.GetBytes(presented[(split + 1)..]))
            ? upstreamId
            : null;
    }

    private string Tag(string upstreamId, ChatRequestContext context)
    {
        // Length-prefixed parts: no choice of tenant, user and id can read as another's. A call with no end user is
        // bound to the app key that made it, so one app's anonymous conversations are not another's.
        var buffer = new ArrayBufferWriter<byte>();
        var anonymousKey = context.UserId is null ? context.Caller.KeyId ?? string.Empty : string.Empty;
        foreach (var part in new[] { context.Caller.Tenant, context.UserId ?? string.Empty, anonymousKey, upstreamId })
        {
            var bytes = Encoding.UTF8.GetBytes(part);
            BitConverter.TryWriteBytes(buffer.GetSpan(4), bytes.Length);
            buffer.Advance(4);
            buffer.Write(bytes);
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, buffer.WrittenSpan))[..SealChars];
    }
}
