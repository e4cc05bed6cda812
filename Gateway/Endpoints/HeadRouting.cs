namespace Gateway.Endpoints;

/// <summary>GET endpoints that clients and load balancers probe with HEAD (the model list, health): mapped for both
/// methods, so HEAD gets GET's status and headers; Kestrel sends no body for a HEAD request.</summary>
internal static class HeadRouting
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static RouteHandlerBuilder MapGetAndHead(this IEndpointRouteBuilder app, string pattern, Delegate handler) =>
        app.MapMethods(pattern, GetAndHead, handler);
}
