namespace Gateway.Pipeline;

/// <summary>Copies an upstream answer's headers to the client, minus hop-by-hop and framing headers and the
/// upstream's own request id (the gateway's wins; the upstream's is kept as <c>X-Upstream-Request-Id</c>).</summary>
internal static class ResponseHeaders
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "Trailer", "TE",
        "Content-Length", "Server", "Date", "X-Request-Id",
    };

    public static void Copy(HttpResponseMessage upstream, HttpResponse response)
    {
        foreach (var (name, values) in upstream.Headers.Concat(upstream.Content.Headers))
        {
            if (!Skipped.Contains(name))
            {
                response.Headers[name] = values.ToArray();
            }
        }

        if (upstream.Headers.TryGetValues("X-Request-Id", out var upstreamId))
        {
            response.Headers["X-Upstream-Request-Id"] = upstreamId.ToArray();
        }
    }
}
