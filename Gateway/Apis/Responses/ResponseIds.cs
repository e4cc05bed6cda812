using System.Security.Cryptography;

namespace Gateway.Apis.Responses;

/// <summary>Ids of the objects the gateway makes in Responses form (<c>resp_</c>, <c>msg_</c>, <c>fc_</c>...).</summary>
internal static class ResponseIds
{
    public static string New(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

}
