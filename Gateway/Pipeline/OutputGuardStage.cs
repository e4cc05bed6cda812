using System.Text;
using System.Text.Json.Nodes;
using Gateway.Diagnostics;
using Guardrails.Abstractions;
using Guardrails.Policies;
using Memory.Abstractions;

namespace Gateway.Pipeline;

/// <summary>Output stage, shared by plain and streamed answers: every field of the answer passes the output
/// checks (<see cref="PlainAnswerGuard"/>, <see cref="StreamedAnswerGuard"/>). A plain answer whose content fails
/// a retry rule (the app's JSON schema) is re-asked through the rest of the pipeline with
/// <c>prompts/guardrail-reask.yaml</c>, up to a set number of times. A 200 body that is not JSON is checked as
/// text.</summary>
internal sealed class OutputGuardStage(
    IGuardrailPipeline guardrails,
    PlainAnswerGuard plain,
    StreamedAnswerGuard streamed,
    OutputGuardNotices notices,
    IGuardrailPolicies policies,
    ILogger<OutputGuardStage> logger,
    IPromptRenderer? renderer = null) : IChatStage
{
    public async Task<ChatAnswer> InvokeAsync(ChatRequest request, ChatStageDelegate next, CancellationToken cancellationToken)
    {
        var answer = await next(request, cancellationToken).ConfigureAwait(false);
        return answer switch
        {
            StreamedAnswer s => s.With(streamed.GuardAsync(s.Items, request, cancellationToken)),
            PlainAnswer { IsSuccess: true, Json: null } p => await GuardTextAsync(p, request, cancellationToken).ConfigureAwait(false),
            PlainAnswer { IsSuccess: true } p => await GuardPlainAsync(p, request, next, cancellationToken).ConfigureAwait(false),
            _ => answer,
        };
    }

    private async Task<ChatAnswer> GuardPlainAsync(PlainAnswer answer, ChatRequest request, ChatStageDelegate next, CancellationToken cancellationToken)
    {
        // The effective policy's validated reaskMaxAttempts (default file, then key and context overrides).
        var maxReasks = policies.Describe(GuardrailContextFactory.For(request)).ReaskMaxAttempts;
        for (var attempt = 0; ; attempt++)
        {
            var retry = await plain.GuardAsync(answer, request, applyRetry: attempt >= maxReasks || renderer is null, cancellationToken).ConfigureAwait(false);
            if (retry is not { } r)
            {
                return answer;
            }

            GatewayLog.ReAsk(logger, request.Context.RequestId, attempt + 1, r.Rule);
            var reasked = await next(await ReaskRequestAsync(request, r.Content, r.Rule, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            if (reasked is PlainAnswer { IsSuccess: true, Json: not null } better)
            {
                answer.Dispose();
                answer = better;
                continue;
            }

            // The re-ask failed: the first answer goes out with the retry applied as the policy's other actions.
            reasked.Dispose();
            await plain.GuardAsync(answer, request, applyRetry: true, cancellationToken).ConfigureAwait(false);
            return answer;
        }
    }

    private async Task<ChatAnswer> GuardTextAsync(PlainAnswer answer, ChatRequest request, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(answer.Body);
        var result = await guardrails.CheckAsync(GuardrailStage.Output, text, GuardrailContextFactory.For(request) with { ResponseJsonSchema = null }, cancellationToken).ConfigureAwait(false);
        if (result.Action == GuardrailAction.Allow)
        {
            return answer;
        }

        notices.Intervened(request, result, "output");
        answer.Body = Encoding.UTF8.GetBytes(result.IsBlocked ? notices.BlockedAnswer(result.DecisiveRule) : result.Text);
        return answer;
    }

    private async Task<ChatRequest> ReaskRequestAsync(ChatRequest request, string answer, string rule, CancellationToken cancellationToken)
    {
        var rendered = await renderer!.RenderAsync("guardrail-reask", new Dictionary<string, object?>
        {
            ["answer"] = answer,
            ["error"] = rule,
            ["schema"] = GuardrailContextFactory.JsonSchemaOf(request.Body) ?? string.Empty,
        }, cancellationToken).ConfigureAwait(false);

        var body = (JsonObject)request.Body.DeepClone();
        var messages = (JsonArray)body["messages"]!;
        messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = answer });
        messages.Add(new JsonObject { ["role"] = "user", ["content"] = rendered.Text });
        return request with { Body = body, Messages = messages };
    }
}
