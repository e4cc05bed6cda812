using System.Security.Cryptography;

namespace Gateway.Apis.Responses;

/// <summary>Ids of the objects the gateway makes in Responses form (<c>resp_</c>, <c>msg_</c>, <c>fc_</c>...).</summary>
internal static class ResponseIds
{
    public static string New(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The response id: the upstream's own when it answered in Responses (so <c>previous_response_id</c>
    /// finds it there), else a new one.</summary>
    public static string ResponseId(string? upstreamId) =>
        upstreamId is { Length: > 5 } id && id.StartsWith("resp_", StringComparison.Ordinal) ? id : New("resp_");
}
