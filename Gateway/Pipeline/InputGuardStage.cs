using Gateway.Diagnostics;
using Gateway.OpenAI;
using Guardrails.Abstractions;

namespace Gateway.Pipeline;

/// <summary>Input stage: runs the input checks over every text the request carries from outside the app's own code
/// (<see cref="InputFields"/>: the user's messages and tool results, a user's name, file names, prediction, prompt
/// variables) before anything else sees it, and over an observation's text before it is queued for extraction.
/// Redactions replace the text in place (a redacted name is removed); a block answers 400 <c>content_blocked</c>, or
/// 503 <c>guardrail_timeout</c> with <c>Retry-After</c> when only checks that ran out of time blocked it.</summary>
internal sealed class InputGuardStage(IGuardrailPipeline guardrails, ILogger<InputGuardStage> logger) : IChatStage
{
    /// <summary>The error code of a request (or memory) blocked only because a check did not finish in time.</summary>
    public const string GuardrailTimeoutCode = "guardrail_timeout";

    public async Task<ChatAnswer> InvokeAsync(ChatRequest request, ChatStageDelegate next, CancellationToken cancellationToken) =>
        await RunAsync(request, cancellationToken).ConfigureAwait(false) is { } blocked
            ? new RefusedAnswer(_ => blocked, "blocked")
            : await next(request, cancellationToken).ConfigureAwait(false);

    /// <summary>Returns an error to answer with, or null to go on.</summary>
    public async Task<IResult?> RunAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var context = GuardrailContextFactory.For(request);
        foreach (var field in InputFields.Of(request))
        {
            var result = await guardrails.CheckAsync(GuardrailStage.Input, field.Text, context, cancellationToken).ConfigureAwait(false);
            if (result.Action != GuardrailAction.Allow)
            {
                request.Context.GuardrailInterventions++;
            }

            if (Refusal(result, context) is { } error)
            {
                return error;
            }

            if (result.Text != field.Text)
            {
                field.Replace(result.Text);
            }
        }

        return null;
    }

    /// <summary>The same checks over one text that reaches a model outside a chat request (an observation, which the
    /// extraction model reads): the text to use (redacted where the policy redacts), or the error to answer with.</summary>
    public async Task<(string Text, IResult? Refusal)> CheckTextAsync(string text, GuardrailRequestContext context, CancellationToken cancellationToken = default)
    {
        var result = await guardrails.CheckAsync(GuardrailStage.Input, text, context, cancellationToken).ConfigureAwait(false);
        return (result.Text, Refusal(result, context));
    }

    private IResult? Refusal(GuardrailResult result, GuardrailRequestContext context)
    {
        if (result.Action == GuardrailAction.Allow)
        {
            return null;
        }

        GatewayLog.GuardrailIntervened(logger, result.Action.ToString(), "input", context.RequestId, result.DecisiveRule);
        // Blocked, or redacted whole ("[SECRET]" sent upstream, an observation queued as "[SECRET]" and its facts lost),
        // only because a check ran out of time: retry.
        if (result.SpoiledByUnfinishedChecks)
        {
            return OpenAIError.Unavailable(
                $"The gateway's input guardrail could not finish its checks in time ({result.DecisiveRule}); retry the request.", GuardrailTimeoutCode);
        }

        return result.IsBlocked
            ? OpenAIError.Result(StatusCodes.Status400BadRequest,
                $"The request was blocked by the gateway's input guardrail ({result.DecisiveRule}).", "invalid_request_error", "content_blocked")
            : null;
    }
}
