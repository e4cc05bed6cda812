using Microsoft.Extensions.Options;

namespace Gateway.Prompts;

/// <summary>Stops startup with a clear message when the <c>Prompts</c> settings cannot work.</summary>
internal sealed class PromptOptionsValidator : IValidateOptions<PromptOptions>
{
    public ValidateOptionsResult Validate(string? name, PromptOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            errors.Add("Prompts:Directory must name the prompt template directory.");
        }

        if (options.PollIntervalMilliseconds is < 100 or > 4000)
        {
            errors.Add("Prompts:PollIntervalMilliseconds must be 100-4000 (edits must be live within 5 s).");
        }

        if (options.DebounceMilliseconds is < 0 or > 2000)
        {
            errors.Add("Prompts:DebounceMilliseconds must be 0-2000.");
        }

        if (options.DefaultContextWindow <= 0)
        {
            errors.Add("Prompts:DefaultContextWindow must be positive.");
        }

        foreach (var (model, window) in options.ContextWindows)
        {
            if (window <= 0)
            {
                errors.Add($"Prompts:ContextWindows:{model} must be positive.");
            }
        }

        if (options.DefaultOutputReserve < 0)
        {
            errors.Add("Prompts:DefaultOutputReserve must not be negative.");
        }

        if (options.ContextHeadroom < 0)
        {
            errors.Add("Prompts:ContextHeadroom must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
