namespace Gateway.Endpoints;

/// <summary>Every GET endpoint is mapped for HEAD too (clients and load balancers probe the model list and health with
/// it), so HEAD gets GET's status and headers; Kestrel sends no body for a HEAD request.</summary>
internal static class HeadRouting
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static RouteHandlerBuilder MapGetAndHead(this IEndpointRouteBuilder app, string pattern, Delegate handler) =>
        app.MapMethods(pattern, GetAndHead, handler);
}
