using System.Text.Json.Nodes;
using Gateway.Diagnostics;
using Guardrails.Abstractions;
using Gateway.OpenAI;

namespace Gateway.Pipeline;

/// <summary>Output checks over every field of a plain answer's choices: <c>content</c> (a string or an array of
/// parts), <c>refusal</c>, <c>reasoning_content</c>, <c>reasoning</c>, and the arguments of <c>tool_calls</c>
/// (and the legacy <c>function_call</c>) under the policy's tool-argument actions. A redaction also drops the
/// logprobs of the redacted tokens; a block replaces the whole message.</summary>
internal sealed class PlainAnswerGuard(IGuardrailPipeline guardrails, OutputGuardNotices notices)
{
    private static readonly string[] TextFields = ["refusal", "reasoning_content", "reasoning"];

    /// <summary>Checks the answer in place. Returns the rule and the content to re-ask with when a content check
    /// asks for a retry and <paramref name="applyRetry"/> is false (nothing is changed then).</summary>
    public async Task<(string Rule, string Content)?> GuardAsync(PlainAnswer answer, ChatRequest request, bool applyRetry, CancellationToken cancellationToken)
    {
        if (answer.Json.Field("choices") is not JsonArray choices)
        {
            return null;
        }

        var context = GuardrailContextFactory.For(request);
        var fieldContext = context with { ResponseJsonSchema = null };
        foreach (var choice in choices.OfType<JsonObject>())
        {
            if (choice["message"] is not JsonObject message)
            {
                continue;
            }

            if (message["content"] is JsonValue cv && cv.TryGetValue<string>(out var content))
            {
                var result = await guardrails.CheckAsync(GuardrailStage.Output, content, context, cancellationToken).ConfigureAwait(false);
                if (result.NeedsRetry && !applyRetry)
                {
                    notices.Intervened(request, result, "output");
                    return (result.DecisiveRule ?? "schema.invalid", content);
                }

                if (Apply(answer, choice, message, request, result, content, v => message["content"] = v, Logprobs(choice, "content")))
                {
                    continue;
                }
            }
            else if (message["content"] is JsonArray parts && await GuardPartsAsync(answer, choice, message, parts, request, fieldContext, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            if (await GuardFieldsAsync(answer, choice, message, request, fieldContext, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            await GuardToolCallsAsync(answer, choice, message, request, fieldContext, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private async Task<bool> GuardPartsAsync(PlainAnswer answer, JsonObject choice, JsonObject message, JsonArray parts, ChatRequest request, GuardrailRequestContext context, CancellationToken cancellationToken)
    {
        foreach (var part in parts.OfType<JsonObject>())
        {
            foreach (var field in (string[])["text", "refusal"])
            {
                if (part[field] is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    var result = await guardrails.CheckAsync(GuardrailStage.Output, text, context, cancellationToken).ConfigureAwait(false);
                    if (Apply(answer, choice, message, request, result, text, s => part[field] = s, null))
                    {
                        return true;
                    }

                    if (result.Text != text && choice["logprobs"] is JsonObject logprobs)
                    {
                        logprobs["content"] = null;
                    }
                }
            }
        }

        return false;
    }

    private async Task<bool> GuardFieldsAsync(PlainAnswer answer, JsonObject choice, JsonObject message, ChatRequest request, GuardrailRequestContext context, CancellationToken cancellationToken)
    {
        foreach (var field in TextFields)
        {
            if (message[field] is JsonValue v && v.TryGetValue<string>(out var text))
            {
                var result = await guardrails.CheckAsync(GuardrailStage.Output, text, context, cancellationToken).ConfigureAwait(false);
                if (Apply(answer, choice, message, request, result, text, s => message[field] = s, field == "refusal" ? Logprobs(choice, "refusal") : null))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private async Task GuardToolCallsAsync(PlainAnswer answer, JsonObject choice, JsonObject message, ChatRequest request, GuardrailRequestContext context, CancellationToken cancellationToken)
    {
        if (message["tool_calls"] is null && message["function_call"] is null)
        {
            return; // most answers call no tool
        }

        var functions = (message["tool_calls"] as JsonArray ?? []).OfType<JsonObject>().Select(c => c["function"] as JsonObject)
            .Append(message["function_call"] as JsonObject)
            .OfType<JsonObject>()
            .ToList();
        foreach (var function in functions)
        {
            if (function["arguments"] is JsonValue v && v.TryGetValue<string>(out var arguments))
            {
                var result = await guardrails.CheckToolArgumentsAsync(arguments, context, cancellationToken).ConfigureAwait(false);
                if (Apply(answer, choice, message, request, result, arguments, s => function["arguments"] = s, null))
                {
                    return;
                }
            }
        }
    }

    /// <summary>Applies one field's result; true when it blocked the message.</summary>
    private bool Apply(PlainAnswer answer, JsonObject choice, JsonObject message, ChatRequest request, GuardrailResult result, string original, Action<string> set, JsonArray? logprobs)
    {
        if (result.Action == GuardrailAction.Allow)
        {
            return false;
        }

        notices.Intervened(request, result, "output");
        if (result.IsBlocked)
        {
            Block(choice, message, result.DecisiveRule);
            answer.Modified = true;
            return true;
        }

        if (result.Text != original)
        {
            set(result.Text);
            if (logprobs is not null)
            {
                LogprobFilter.Drop(logprobs, original, result.Redactions);
            }

            answer.Modified = true;
        }

        return false;
    }

    private void Block(JsonObject choice, JsonObject message, string? rule)
    {
        foreach (var field in (string[])["tool_calls", "function_call", "refusal", "reasoning_content", "reasoning", "audio", "annotations"])
        {
            message.Remove(field);
        }

        message["content"] = notices.BlockedAnswer(rule);
        choice["finish_reason"] = "content_filter";
        if (choice.ContainsKey("logprobs"))
        {
            choice["logprobs"] = null;
        }
    }

    private static JsonArray? Logprobs(JsonObject choice, string field) => choice["logprobs"].Field(field) as JsonArray;
}
