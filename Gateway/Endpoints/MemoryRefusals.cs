using Gateway.Auth;
using Gateway.OpenAI;
using Guardrails;
using Guardrails.Audit;
using Memory;
using Memory.Model;
using Microsoft.Extensions.Options;

namespace Gateway.Endpoints;

/// <summary>A direct write or patch the memory guard refused: a 400 <c>memory_refused</c> naming the item and the
/// rule (a 503 <c>guardrail_timeout</c> with <c>Retry-After</c> when only a check that ran out of time refused it), and an audit event (stage <c>memory</c>, action <c>block</c>) unless the guardrail that refused it already
/// recorded one.</summary>
internal static class MemoryRefusals
{
    private const int MaxExcerptChars = 160;

    public static async Task<IResult> RefuseAsync(HttpContext http, UserKey user, MemoryRefusedException refused, string item, string? text)
    {
        var services = http.RequestServices;
        if (!refused.Audited && services.GetService<IAuditLog>() is { } audit &&
            services.GetService<IOptions<GuardrailsOptions>>()?.Value.Enabled != false)
        {
            await audit.AppendAsync(new AuditEntry
            {
                RequestId = http.TraceIdentifier,
                Tenant = user.Tenant,
                UserId = user.UserId,
                Stage = "memory",
                Rule = refused.Rule,
                Action = "block",
                // The audit log redacts it again, caps it and encrypts it under the user's excerpt key.
                Excerpt = text is null ? string.Empty : text.Length <= MaxExcerptChars ? text : text[..MaxExcerptChars],
                KeyId = http.GetCaller().KeyId,
            }, CancellationToken.None).ConfigureAwait(false);
        }

        if (refused.Unfinished)
        {
            return OpenAIError.Unavailable(
                $"{item} could not be checked by the memory guard in time ({refused.Rule}); nothing was stored, retry the request.",
                Pipeline.InputGuardStage.GuardrailTimeoutCode);
        }

        return OpenAIError.BadRequest(
            $"{item} was refused by the memory guard (rule {refused.Rule}): memories must describe the user, not instruct the model.",
            MemoryRefusedException.Code, item);
    }
}
