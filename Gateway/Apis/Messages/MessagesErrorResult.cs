namespace Gateway.Apis.Messages;

/// <summary>An error answer whose shape follows the API called: Anthropic's for <c>/v1/messages</c>, else
/// <paramref name="openAI"/> (OpenAI's shape). Every gateway error (keys, scopes, limits, validation, guardrail
/// blocks, upstream failures) is made through <see cref="OpenAI.OpenAIError"/>, so Messages apps get their own
/// shape from every source without each one knowing.</summary>
internal sealed class MessagesErrorResult(int status, string message, IResult openAI) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => status;

    public Task ExecuteAsync(HttpContext httpContext) =>
        MessagesErrors.Applies(httpContext) ? MessagesErrors.WriteAsync(httpContext, status, message) : openAI.ExecuteAsync(httpContext);
}
