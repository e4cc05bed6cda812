using Gateway.OpenAI;

namespace Gateway.Auth;

/// <summary>Reads the caller the authentication middleware attached to the request, and guards endpoints by scope.</summary>
public static class CallerHttpContextExtensions
{
    private static readonly object CallerKey = new();

    /// <summary>The authenticated caller; <see cref="CallerIdentity.Open"/> when no keys are configured.</summary>
    public static CallerIdentity GetCaller(this HttpContext context) =>
        context.Items.TryGetValue(CallerKey, out var value) && value is CallerIdentity caller ? caller : CallerIdentity.Open;

    internal static void SetCaller(this HttpContext context, CallerIdentity caller) => context.Items[CallerKey] = caller;

    /// <summary>Answers 403 in OpenAI's shape unless the caller holds <paramref name="scope"/>.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (ctx, next) =>
            ctx.HttpContext.GetCaller().Has(scope) ? await next(ctx).ConfigureAwait(false) : OpenAIError.Forbidden(scope));
}
