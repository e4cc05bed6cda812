using Gateway.OpenAI;
using Microsoft.AspNetCore.Routing.Template;

namespace Gateway.Endpoints;

/// <summary>What a request no endpoint takes is answered, in OpenAI's shape (Anthropic's on <c>/v1/messages</c>): a
/// known path asked with a method it does not take is a 405 with <c>Allow</c> (<c>DELETE /v1/models</c>,
/// <c>GET /v1/chat/completions</c>), <c>OPTIONS</c> on a known path a 204 with <c>Allow</c>, anything else a 404.
/// The server's own 405 had no body, and under <c>/v1</c> the catch-all made every wrong method a 404.</summary>
internal static class MethodFallback
{
    /// <summary>Maps the catch-all (lowest precedence, every method) over every path.</summary>
    public static IEndpointRouteBuilder MapMethodFallback(this IEndpointRouteBuilder app)
    {
        var constraints = app.ServiceProvider.GetRequiredService<IInlineConstraintResolver>();
        var routes = new Lazy<IReadOnlyList<KnownRoute>>(() => Routes(app.DataSources, constraints));
        app.MapFallback((HttpContext http) => Answer(http, routes.Value));
        return app;
    }

    private static IResult Answer(HttpContext http, IReadOnlyList<KnownRoute> routes)
    {
        var method = http.Request.Method;
        var allowed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            if (route.Matches(http))
            {
                allowed.UnionWith(route.Methods);
            }
        }

        // A path no endpoint has, or one a route constraint turned away (GET /v1/audit/events/abc): not found.
        if (allowed.Count == 0 || allowed.Contains(method))
        {
            return OpenAIError.NotFound($"Unknown endpoint {Printable(method)} {http.Request.Path}.");
        }

        allowed.Add(HttpMethods.Options);
        http.Response.Headers.Allow = string.Join(", ", allowed);
        return HttpMethods.IsOptions(method)
            ? Results.NoContent()
            : OpenAIError.Result(StatusCodes.Status405MethodNotAllowed,
                $"{Printable(method)} is not allowed on {http.Request.Path}; it takes {string.Join(", ", allowed)}.",
                "invalid_request_error", "method_not_allowed");
    }

    private static IReadOnlyList<KnownRoute> Routes(IEnumerable<EndpointDataSource> sources, IInlineConstraintResolver resolver) =>
    [
        .. sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods))
            .Where(e => e.Methods is { Count: > 0 })
            .Select(e => new KnownRoute(
                new TemplateMatcher(new RouteTemplate(e.Endpoint.RoutePattern), []),
                [.. e.Endpoint.RoutePattern.Parameters.SelectMany(p => p.ParameterPolicies
                    .Select(policy => policy.Content is { } text ? resolver.ResolveConstraint(text) : null)
                    .OfType<IRouteConstraint>().Select(c => (p.Name, c)))],
                [.. e.Methods!])),
    ];

    /// <summary>An endpoint's path template, its parameters' constraints (<c>{id:long}</c>) and its methods.</summary>
    private sealed record KnownRoute(TemplateMatcher Matcher, IReadOnlyList<(string Name, IRouteConstraint Constraint)> Constraints, IReadOnlyList<string> Methods)
    {
        public bool Matches(HttpContext http)
        {
            var values = new RouteValueDictionary();
            return Matcher.TryMatch(http.Request.Path, values) &&
                Constraints.All(c => c.Constraint.Match(http, null, c.Name, values, RouteDirection.IncomingRequest));
        }
    }

    /// <summary>A method name as a message may show it (any token is a method to HTTP).</summary>
    private static string Printable(string method) =>
        method.Length <= 16 && method.All(char.IsAsciiLetter) ? method : "This method";
}
