namespace Guardrails.Policies;

/// <summary>Bounds on what a policy file may ask for.</summary>
internal static class PolicyLimits
{
    /// <summary>Longest blocklist term or topic phrase; keeps the streaming hold-back within 128 characters.</summary>
    public const int MaxTermLength = 100;
    public const int MaxTermsPerList = 2000;
    public const int MaxReaskAttempts = 5;
}
