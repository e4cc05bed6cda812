using Gateway.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Tests.MemoryApi;

/// <summary>The user id a memory-API path names, read from the raw target so a literal "%2F" in an id (sent as
/// "%252F") stays itself, also when the gateway runs under a path base.</summary>
public sealed class PathUserIdTests
{
    [Theory]
    [InlineData("", "/v1/users/a%252Fb/export", "a%2Fb")]
    [InlineData("/gateway", "/gateway/v1/users/a%252Fb/export", "a%2Fb")]
    [InlineData("/gateway", "/gateway/v1/users/google-oauth2%2F1234/export", "google-oauth2/1234")]
    [InlineData("", "/v1/users/google-oauth2%2F1234/memories?limit=3", "google-oauth2/1234")]
    public void The_id_is_read_from_the_raw_target(string pathBase, string rawTarget, string expected)
    {
        var http = new DefaultHttpContext();
        http.Request.PathBase = pathBase;
        http.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
        // What the route read: the server decodes every escape but %2F.
        var segment = rawTarget[(pathBase.Length + "/v1/users/".Length)..].Split('/', '?')[0];
        var routeValue = Uri.UnescapeDataString(segment.Replace("%2F", "%252F", StringComparison.Ordinal));

        Assert.Equal(expected, MemoryEndpoints.PathUserId(http, routeValue));
    }
}
