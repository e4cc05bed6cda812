using System.Net.Http.Headers;
using Microsoft.Extensions.Primitives;

namespace Gateway.Pipeline;

/// <summary>Copies an upstream answer's headers to the client, minus hop-by-hop, framing and encoding headers and the
/// upstream's own request id (the gateway's wins; the upstream's is kept as <c>X-Upstream-Request-Id</c>). The
/// values go as the upstream sent them (<c>NonValidated</c>: nothing is parsed into typed headers and written back).</summary>
internal static class ResponseHeaders
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "Trailer", "TE",
        "Content-Length", "Server", "Date", "X-Request-Id",
        // The gateway reads, checks and rewrites the answer; what it writes is never the upstream's encoded bytes.
        "Content-Encoding",
    };

    public static void Copy(HttpResponseMessage upstream, HttpResponse response)
    {
        Copy(upstream.Headers.NonValidated, response);
        Copy(upstream.Content.Headers.NonValidated, response);
    }

    private static void Copy(HttpHeadersNonValidated headers, HttpResponse response)
    {
        foreach (var (name, values) in headers)
        {
            if (!Skipped.Contains(name))
            {
                response.Headers[name] = Values(values);
            }
            else if (name.Equals("X-Request-Id", StringComparison.OrdinalIgnoreCase))
            {
                response.Headers["X-Upstream-Request-Id"] = Values(values);
            }
        }
    }

    private static StringValues Values(HeaderStringValues values)
    {
        if (values.Count == 1)
        {
            using var single = values.GetEnumerator();
            single.MoveNext();
            return single.Current;
        }

        var all = new string[values.Count];
        var i = 0;
        foreach (var value in values)
        {
            all[i++] = value;
        }

        return all;
    }
}
