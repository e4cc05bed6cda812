using Microsoft.Extensions.Options;

namespace Memory.WriteBack;

/// <summary>Stops startup with a clear message when a <c>Memory:WriteBack</c> setting is out of range.</summary>
internal sealed class WriteBackOptionsValidator : IValidateOptions<WriteBackOptions>
{
    public ValidateOptionsResult Validate(string? name, WriteBackOptions options)
    {
        var errors = new List<string>();
        if (options.PollInterval <= TimeSpan.Zero) errors.Add("Memory:WriteBack:PollInterval must be positive.");
        if (options.OpenTurnTimeout <= TimeSpan.Zero) errors.Add("Memory:WriteBack:OpenTurnTimeout must be positive.");
        if (options.QuietPeriod < TimeSpan.Zero) errors.Add("Memory:WriteBack:QuietPeriod must be 0 or more.");
        if (options.MaxDelay < options.QuietPeriod) errors.Add("Memory:WriteBack:MaxDelay must be at least QuietPeriod.");
        if (options.BatchSize is < 1 or > 1000) errors.Add("Memory:WriteBack:BatchSize must be between 1 and 1000.");
        if (options.MaxConcurrentTurns is < 1 or > 256) errors.Add("Memory:WriteBack:MaxConcurrentTurns must be between 1 and 256.");
        if (options.MaxAttempts is < 1 or > 100) errors.Add("Memory:WriteBack:MaxAttempts must be between 1 and 100.");
        if (options.InitialBackoff < TimeSpan.Zero || options.MaxBackoff < options.InitialBackoff) errors.Add("Memory:WriteBack:InitialBackoff must be >= 0 and <= MaxBackoff.");
        if (options.LeaseDuration <= TimeSpan.Zero) errors.Add("Memory:WriteBack:LeaseDuration must be positive.");
        if (string.IsNullOrWhiteSpace(options.FileName) || options.FileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) errors.Add("Memory:WriteBack:FileName must be a plain file name.");
        if (options.NearDuplicateSimilarity is <= 0 or > 1) errors.Add("Memory:WriteBack:NearDuplicateSimilarity must be in (0, 1].");
        if (options.StatedConfidence is < 0 or > 1 || options.InferredConfidence is < 0 or > 1) errors.Add("Memory:WriteBack:StatedConfidence and InferredConfidence must be in [0, 1].");
        if (options.ConfidenceHalfLifeDays < 0) errors.Add("Memory:WriteBack:ConfidenceHalfLifeDays must be >= 0 (0: no decay).");
        if (options.CompressionMaxMemories < 1 || options.CompressionMaxTokens < 1) errors.Add("Memory:WriteBack:CompressionMaxMemories and CompressionMaxTokens must be positive.");
        if (options.CompressionTargetRatio is <= 0 or > 1) errors.Add("Memory:WriteBack:CompressionTargetRatio must be in (0, 1].");
        if (options.CandidateCount < 1) errors.Add("Memory:WriteBack:CandidateCount must be positive.");
        if (options.LlmResponseFormat is not ("schema" or "json")) errors.Add("Memory:WriteBack:LlmResponseFormat must be 'schema' or 'json'.");
        if (options.LlmTimeout < TimeSpan.FromMilliseconds(100) || options.LlmTimeout > TimeSpan.FromHours(1) || options.LlmTimeout >= options.LeaseDuration)
        {
            errors.Add("Memory:WriteBack:LlmTimeout must be between 0.1 s and 1 h, and shorter than LeaseDuration.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
