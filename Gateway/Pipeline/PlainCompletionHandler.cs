using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Diagnostics;
using Gateway.Upstream;
using Guardrails.Abstractions;
using Memory.Abstractions;

namespace Gateway.Pipeline;

/// <summary>Non-streamed answers: output checks per choice (redact, block, or re-ask the model with
/// <c>prompts/guardrail-reask.yaml</c> when a JSON schema answer fails, up to a set number of times), write-back
/// enqueue, then the upstream's answer goes to the app, byte for byte when nothing changed.</summary>
internal sealed class PlainCompletionHandler(
    IGuardrailPipeline guardrails,
    TurnRecorder recorder,
    UpstreamClient upstreams,
    IServiceProvider services,
    IConfiguration configuration,
    ILogger<PlainCompletionHandler> logger)
{
    private readonly IPromptRenderer? _renderer = services.GetService<IPromptRenderer>();
    private readonly int _maxReasks = configuration.GetValue("Guardrails:ReaskMaxAttempts", 2);

    public async Task HandleAsync(HttpContext http, HttpResponseMessage upstream, ChatRequest request, CancellationToken cancellationToken = default)
    {
        var bytes = await upstream.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var status = (int)upstream.StatusCode;
        if (status is < 200 or >= 300 || TryParse(bytes) is not { } answer)
        {
            await WriteAsync(http, upstream, bytes).ConfigureAwait(false);
            return;
        }

        var context = GuardrailContextFactory.For(request);
        var modified = false;
        for (var attempt = 0; ; attempt++)
        {
            var (changed, retryRule, lastContent) = await CheckChoicesAsync(answer, context, request, applyRetry: attempt >= _maxReasks || _renderer is null, cancellationToken).ConfigureAwait(false);
            modified |= changed;
            if (retryRule is null)
            {
                break;
            }

            GatewayLog.ReAsk(logger, request.Context.RequestId, attempt + 1, retryRule);
            var reasked = await ReaskAsync(request, lastContent ?? string.Empty, retryRule, context.ResponseJsonSchema, cancellationToken).ConfigureAwait(false);
            if (reasked is null)
            {
                break;
            }

            (upstream, bytes, answer) = reasked.Value;
            modified = false;
        }

        CaptureUsage(answer, request);
        await recorder.RecordAsync(request, FirstContent(answer), cancellationToken).ConfigureAwait(false);
        await WriteAsync(http, upstream, modified ? JsonSerializer.SerializeToUtf8Bytes(answer) : bytes).ConfigureAwait(false);
    }

    private async Task<(bool Changed, string? RetryRule, string? LastContent)> CheckChoicesAsync(
        JsonObject answer, GuardrailRequestContext context, ChatRequest request, bool applyRetry, CancellationToken cancellationToken)
    {
        var changed = false;
        if (answer["choices"] is not JsonArray choices)
        {
            return (false, null, null);
        }

        foreach (var choice in choices.OfType<JsonObject>())
        {
            if (choice["message"] is not JsonObject message || message["content"] is not JsonValue cv || !cv.TryGetValue<string>(out var content))
            {
                continue;
            }

            var result = await guardrails.CheckAsync(GuardrailStage.Output, content, context, cancellationToken).ConfigureAwait(false);
            if (result.Action == GuardrailAction.Allow)
            {
                continue;
            }

            request.Context.GuardrailInterventions++;
            GatewayLog.GuardrailIntervened(logger, result.Action.ToString(), "output", request.Context.RequestId, result.DecisiveRule);
            if (result.NeedsRetry && !applyRetry)
            {
                return (changed, result.DecisiveRule ?? "schema.invalid", content);
            }

            if (result.IsBlocked)
            {
                message["content"] = $"[gateway: this answer was blocked by an output guardrail ({result.DecisiveRule ?? "policy"})]";
                choice["finish_reason"] = "content_filter";
                changed = true;
            }
            else if (result.Text != content)
            {
                message["content"] = result.Text;
                changed = true;
            }
        }

        return (changed, null, null);
    }

    private async Task<(HttpResponseMessage, byte[], JsonObject)?> ReaskAsync(ChatRequest request, string answer, string rule, string? schema, CancellationToken cancellationToken)
    {
        var rendered = await _renderer!.RenderAsync("guardrail-reask", new Dictionary<string, object?>
        {
            ["answer"] = answer,
            ["error"] = rule,
            ["schema"] = schema ?? string.Empty,
        }, cancellationToken).ConfigureAwait(false);

        var body = (JsonObject)request.Body.DeepClone();
        var messages = (JsonArray)body["messages"]!;
        messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = answer });
        messages.Add(new JsonObject { ["role"] = "user", ["content"] = rendered.Text });
        var (response, _, failure) = await upstreams.PostJsonAsync("chat/completions", JsonSerializer.SerializeToUtf8Bytes(body), request.Context.Model!, cancellationToken).ConfigureAwait(false);
        if (failure is not null || response is null)
        {
            return null;
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode && TryParse(bytes) is { } parsed ? (response, bytes, parsed) : null;
    }

    private static JsonObject? TryParse(byte[] bytes)
    {
        try
        {
            return JsonNode.Parse(bytes) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? FirstContent(JsonObject answer) =>
        answer["choices"] is JsonArray { Count: > 0 } choices && choices[0]?["message"]?["content"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static void CaptureUsage(JsonObject answer, ChatRequest request)
    {
        if (answer["usage"] is JsonObject usage)
        {
            request.Context.PromptTokens = usage["prompt_tokens"] is JsonValue p && p.TryGetValue<long>(out var pt) ? pt : 0;
            request.Context.CompletionTokens = usage["completion_tokens"] is JsonValue c && c.TryGetValue<long>(out var ct) ? ct : 0;
        }
    }

    internal static async Task WriteAsync(HttpContext http, HttpResponseMessage upstream, byte[] body)
    {
        http.Response.StatusCode = (int)upstream.StatusCode;
        ResponseHeaders.Copy(upstream, http.Response);
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
    }
}
