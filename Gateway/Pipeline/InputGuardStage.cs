using System.Text.Json.Nodes;
using Gateway.Diagnostics;
using Gateway.OpenAI;
using Guardrails.Abstractions;

namespace Gateway.Pipeline;

/// <summary>Input stage: runs the input checks over the app's user messages and tool results before anything else sees them;
/// redactions replace the message text in place, a block answers 400 <c>content_blocked</c>.</summary>
internal sealed class InputGuardStage(IGuardrailPipeline guardrails, ILogger<InputGuardStage> logger) : IChatStage
{
    public async Task<ChatAnswer> InvokeAsync(ChatRequest request, ChatStageDelegate next, CancellationToken cancellationToken) =>
        await RunAsync(request, cancellationToken).ConfigureAwait(false) is { } blocked
            ? new RefusedAnswer(_ => blocked, "blocked")
            : await next(request, cancellationToken).ConfigureAwait(false);

    /// <summary>Returns an error to answer with, or null to go on.</summary>
    public async Task<IResult?> RunAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var context = GuardrailContextFactory.For(request);
        foreach (var message in request.Messages)
        {
            if (!IsChecked(MessageText.RoleOf(message)) || message is not JsonObject m)
            {
                continue;
            }

            var content = m["content"];
            if (content is JsonValue)
            {
                var text = content.GetValue<string>();
                var result = await guardrails.CheckAsync(GuardrailStage.Input, text, context, cancellationToken).ConfigureAwait(false);
                if (Apply(result, request) is { } error)
                {
                    return error;
                }

                if (result.Text != text)
                {
                    m["content"] = result.Text;
                }
            }
            else if (content is JsonArray parts)
            {
                foreach (var part in parts.OfType<JsonObject>())
                {
                    if (part["text"] is JsonValue tv && tv.TryGetValue<string>(out var text))
                    {
                        var result = await guardrails.CheckAsync(GuardrailStage.Input, text, context, cancellationToken).ConfigureAwait(false);
                        if (Apply(result, request) is { } error)
                        {
                            return error;
                        }

                        if (result.Text != text)
                        {
                            part["text"] = result.Text;
                        }
                    }
                }
            }
        }

        return null;
    }

    /// <summary>What the app passes on from outside its own code: the user's messages and tool results (a file, a web
    /// page or an API answer a tool read: credentials in them are redacted and injections in them recorded, as in
    /// the user's). The app's own system and developer instructions are not checked (role-play tells in them are
    /// the app's intent, not an attack), nor earlier assistant turns, which the output stage checked.</summary>
    private static bool IsChecked(string? role) => role is "user" or "tool" or "function";

    private IResult? Apply(GuardrailResult result, ChatRequest request)
    {
        if (result.Action == GuardrailAction.Allow)
        {
            return null;
        }

        request.Context.GuardrailInterventions++;
        GatewayLog.GuardrailIntervened(logger, result.Action.ToString(), "input", request.Context.RequestId, result.DecisiveRule);
        return result.IsBlocked
            ? OpenAIError.Result(StatusCodes.Status400BadRequest,
                $"The request was blocked by the gateway's input guardrail ({result.DecisiveRule}).", "invalid_request_error", "content_blocked")
            : null;
    }
}
