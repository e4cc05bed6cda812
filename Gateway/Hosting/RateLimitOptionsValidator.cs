using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>Bad rate limits stop startup with a message naming the key.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var errors = new List<string>();
        if (options.RequestsPerMinute < 0)
        {
            errors.Add("RateLimit:RequestsPerMinute must be 0 (unlimited) or positive.");
        }

        if (options.OpenRequestsPerMinute < 0)
        {
            errors.Add("RateLimit:OpenRequestsPerMinute must be 0 (unlimited) or positive.");
        }

        if (!double.IsFinite(options.BurstSeconds) || options.BurstSeconds is <= 0 or > 3600)
        {
            errors.Add("RateLimit:BurstSeconds must be in (0, 3600].");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
