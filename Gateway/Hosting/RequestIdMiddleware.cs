using System.Buffers;

namespace Gateway.Hosting;

/// <summary>Gives every request an id: the caller's <c>X-Request-Id</c> when it is sane, else a new one; it becomes
/// <see cref="HttpContext.TraceIdentifier"/> and is echoed on every answer.</summary>
internal sealed class RequestIdMiddleware(RequestDelegate next)
{
    public const string Header = "X-Request-Id";
    private static readonly SearchValues<char> Allowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");

    public Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[Header].ToString();
        context.TraceIdentifier = incoming.Length is > 0 and <= 128 && !incoming.AsSpan().ContainsAnyExcept(Allowed)
            ? incoming
            : "req_" + Guid.CreateVersion7().ToString("N");
        context.Response.Headers[Header] = context.TraceIdentifier;
        return next(context);
    }
}
