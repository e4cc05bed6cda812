using Microsoft.Extensions.Options;

namespace Gateway.Upstream;

/// <summary>Bad upstream settings stop startup with a message naming the key.</summary>
internal sealed class UpstreamOptionsValidator : IValidateOptions<UpstreamOptions>
{
    public ValidateOptionsResult Validate(string? name, UpstreamOptions options)
    {
        var errors = new List<string>();
        Check(options, "Upstream", errors);
        for (var i = 0; i < options.Fallbacks.Count; i++)
        {
            Check(options.Fallbacks[i], $"Upstream:Fallbacks:{i}", errors);
        }

        if (!Enum.IsDefined(options.ForwardUser))
        {
            errors.Add("Upstream:ForwardUser must be pseudonymous, asis or none.");
        }

        var names = new[] { options }.Concat(options.Fallbacks).Select((o, i) => new UpstreamEndpoint(o, i).Name).ToList();
        foreach (var dup in names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"Upstream names must be unique; '{dup.Key}' is used {dup.Count()} times.");
        }

        foreach (var reserved in names.Where(n => n.StartsWith('~')))
        {
            errors.Add($"Upstream name '{reserved}' starts with '~', which is kept for the gateway's own warm-up upstream.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(UpstreamOptions o, string path, List<string> errors)
    {
        var url = o.BaseUrl?.Trim() ?? string.Empty;
        if (!url.StartsWith("echo:", StringComparison.OrdinalIgnoreCase) &&
            (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"{path}:BaseUrl must be an http(s) URL ending in /v1, or 'echo:' (got '{url}').");
        }

        if (!Enum.IsDefined(o.Kind))
        {
            errors.Add($"{path}:Kind must be chat, responses or anthropic.");
        }

        if (o.Kind == UpstreamKind.Anthropic && string.IsNullOrWhiteSpace(o.AnthropicVersion))
        {
            errors.Add($"{path}:AnthropicVersion must be set for an upstream of kind anthropic.");
        }

        if (o.AnthropicMaxTokens < 1)
        {
            errors.Add($"{path}:AnthropicMaxTokens must be at least 1.");
        }

        if (o.TimeoutSeconds is <= 0 or > 3600)
        {
            errors.Add($"{path}:TimeoutSeconds must be in (0, 3600].");
        }

        if (o.MaxRetries is < 0 or > 10)
        {
            errors.Add($"{path}:MaxRetries must be in [0, 10].");
        }

        if (o.BreakerFailureRatio is <= 0 or > 1)
        {
            errors.Add($"{path}:BreakerFailureRatio must be in (0, 1].");
        }

        if (o.BreakerMinimumThroughput < 2)
        {
            errors.Add($"{path}:BreakerMinimumThroughput must be at least 2.");
        }

        if (o.BreakerSamplingSeconds < 0.5 || o.BreakDurationSeconds < 0.5)
        {
            errors.Add($"{path}:BreakerSamplingSeconds and BreakDurationSeconds must be at least 0.5.");
        }
    }
}
