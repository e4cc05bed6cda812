using System.Reflection;
using Gateway.Auth;

namespace Gateway.Endpoints;

/// <summary>The reviewers' page: <c>GET /review</c> (plain HTML; scope <c>audit:read</c>) and its script and
/// stylesheet under <c>/review-assets/</c>, which hold no data and need no key. When keys are configured a browser
/// without one gets 401 with the same page, which asks for the key and sends it as Bearer on its API calls.</summary>
public static class ReviewPageEndpoints
{
    private const string ResourcePrefix = "Gateway.review.";

    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["review.js"] = "text/javascript; charset=utf-8",
        ["review.css"] = "text/css; charset=utf-8",
    };

    /// <summary>Maps <c>GET /review</c> and <c>GET /review-assets/{file}</c>.</summary>
    public static IEndpointRouteBuilder MapReviewPage(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGetAndHead("/review", (HttpContext http) => http.GetCaller().Has(Scope.AuditRead)
            ? Page(StatusCodes.Status200OK)
            : OpenAI.OpenAIError.Forbidden(Scope.AuditRead));
        app.MapGetAndHead("/review-assets/{file}", (string file) => Assets.TryGetValue(file, out var contentType) && Read(file) is { } bytes
            ? Results.Bytes(bytes, contentType)
            : OpenAI.OpenAIError.NotFound($"No review asset {file}."));
        return app;
    }

    /// <summary>True for a browser asking for the page itself (answered with the page and 401 when it has no key).</summary>
    internal static bool IsPageRequest(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method) && http.Request.Path.Equals("/review", StringComparison.OrdinalIgnoreCase)
        && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes the page with 401: the page asks for the key.</summary>
    internal static Task WriteChallengeAsync(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Page(StatusCodes.Status401Unauthorized).ExecuteAsync(http);
    }

    private static StatusPage Page(int status) => new(Read("index.html") ?? [], status);

    private static byte[]? Read(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + file);
        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private sealed class StatusPage(byte[] html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            httpContext.Response.Headers.CacheControl = "no-store";
            httpContext.Response.Headers.XContentTypeOptions = "nosniff";
            httpContext.Response.Headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'none'; frame-ancestors 'none'";
            return httpContext.Response.Body.WriteAsync(html).AsTask();
        }
    }
}
