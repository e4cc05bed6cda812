using Guardrails;
using Memory.Cluster;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting.Cluster;

/// <summary>Replicas must pseudonymise users and wrap excerpt keys alike: a cluster needs one
/// <c>Guardrails:PseudonymKey</c> on every replica (each would otherwise generate its own audit.key).</summary>
internal sealed class ClusterGuardrailsValidator(IOptions<GuardrailsOptions> guardrails) : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options) =>
        options.Enabled && string.IsNullOrWhiteSpace(guardrails.Value.PseudonymKey)
            ? ValidateOptionsResult.Fail("Cluster:Redis needs Guardrails:PseudonymKey, the same secret on every replica (audit pseudonyms and excerpt keys are shared).")
            : ValidateOptionsResult.Success;
}
