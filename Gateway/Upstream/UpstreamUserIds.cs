using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Pipeline;
using Guardrails.Audit;
using Microsoft.Extensions.Options;

namespace Gateway.Upstream;

/// <summary>The end user as the upstream sees it (<see cref="UpstreamUserForwarding"/>). The pseudonym is
/// HMAC-SHA256 of tenant and id under a key derived from the audit log's pseudonym secret (<c>Guardrails:PseudonymKey</c>
/// or the generated <c>audit.key</c>), so replicas sharing that secret send the same pseudonym, a tenant's users never
/// share one with another tenant's, and it says nothing about the audit log's own pseudonyms.</summary>
internal sealed class UpstreamUserIds(IOptions<UpstreamOptions> options, IDerivedKeys keys)
{
    /// <summary>The body fields that name the end user to an OpenAI upstream (Anthropic's <c>metadata.user_id</c> is
    /// built from <c>user</c>).</summary>
    private static readonly string[] Fields = ["user", "safety_identifier"];

    private readonly byte[] _key = keys.KeyFor("upstream-user-v1");

    public UpstreamUserForwarding Mode => options.Value.ForwardUser;

    /// <summary>What goes upstream for <paramref name="userId"/> of <paramref name="tenant"/>; null: nothing.</summary>
    public string? Forwarded(string tenant, string userId) => Mode switch
    {
        UpstreamUserForwarding.AsIs => userId,
        UpstreamUserForwarding.None => null,
        _ => Pseudonym(tenant, userId),
    };

    /// <summary>Rewrites the chat-form body's <c>user</c> and <c>safety_identifier</c> to what goes upstream. Called once
    /// per request, before the stages: every dialect builds its body from these fields.</summary>
    public void Apply(ChatRequest request)
    {
        if (Mode == UpstreamUserForwarding.AsIs)
        {
            return;
        }

        foreach (var field in Fields)
        {
            if (request.Body[field] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                if (Forwarded(request.Context.Caller.Tenant, value.GetValue<string>()) is { } forwarded)
                {
                    request.Body[field] = forwarded;
                }
                else
                {
                    request.Body.Remove(field);
                }
            }
        }
    }

    private string Pseudonym(string tenant, string userId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{tenant}\u001f{userId}")).AsSpan(0, 16));
}
