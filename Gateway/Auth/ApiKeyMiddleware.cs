using Gateway.OpenAI;

namespace Gateway.Auth;

/// <summary>When keys are configured, every <c>/v1/*</c> request and <c>/review</c> needs
/// <c>Authorization: Bearer KEY</c> (or, on <c>/v1/messages</c>, <c>x-api-key: KEY</c>) (401 otherwise); the
/// resolved caller is attached to the request.</summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, AppKeyRegistry keys)
{
    internal const string RateLimitItem = "gateway.rpm";
    internal const string AnthropicKeyHeader = "x-api-key";

    public Task InvokeAsync(HttpContext context)
    {
        if (!keys.Enabled || !IsProtected(context.Request.Path) || Hosting.WarmUp.WarmUpScope.IsActive)
        {
            return next(context);
        }

        var header = context.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        ReadOnlySpan<char> key;
        if (header.Length > prefix.Length && header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            key = header.AsSpan(prefix.Length).Trim();
        }
        else if (header.Length == 0 && Apis.Messages.MessagesErrors.Applies(context) && context.Request.Headers[AnthropicKeyHeader].ToString() is { Length: > 0 } apiKey)
        {
            // Anthropic's SDKs send the key as x-api-key.
            key = apiKey.AsSpan().Trim();
        }
        else
        {
            return Unauthorized(context);
        }

        var caller = keys.Resolve(key, out var rpm);
        if (caller is null)
        {
            return Unauthorized(context);
        }

        context.SetCaller(caller);
        if (rpm is not null)
        {
            context.Items[RateLimitItem] = rpm;
        }

        return next(context);
    }

    /// <summary>401 in OpenAI's shape; a browser opening <c>/review</c> gets the page (with 401), which asks for the key.</summary>
    private static Task Unauthorized(HttpContext context) =>
        Endpoints.ReviewPageEndpoints.IsPageRequest(context)
            ? Endpoints.ReviewPageEndpoints.WriteChallengeAsync(context)
            : OpenAIError.Unauthorized().ExecuteAsync(context);

    private static bool IsProtected(PathString path) =>
        path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments("/review", StringComparison.OrdinalIgnoreCase);
}
