using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>Bad limits stop startup with a message naming the key.</summary>
internal sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        var errors = new List<string>();
        if (options.MaxRequestBytes <= 0)
        {
            errors.Add("Limits:MaxRequestBytes must be positive.");
        }

        if (options.MaxAnswerBytes < 1024)
        {
            errors.Add("Limits:MaxAnswerBytes must be at least 1024.");
        }

        if (options.MaxAnswerLineBytes < 1024 || options.MaxAnswerLineBytes > options.MaxAnswerBytes)
        {
            errors.Add("Limits:MaxAnswerLineBytes must be at least 1024 and at most Limits:MaxAnswerBytes.");
        }

        if (options.AnswerIdleTimeoutSeconds is <= 0 or > 3600)
        {
            errors.Add("Limits:AnswerIdleTimeoutSeconds must be in (0, 3600].");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
