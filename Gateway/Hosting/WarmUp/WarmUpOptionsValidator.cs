using Microsoft.Extensions.Options;

namespace Gateway.Hosting.WarmUp;

/// <summary>Bad warm-up settings stop startup with a message naming the key.</summary>
internal sealed class WarmUpOptionsValidator : IValidateOptions<WarmUpOptions>
{
    public ValidateOptionsResult Validate(string? name, WarmUpOptions options)
    {
        var errors = new List<string>();
        if (options.Rounds is < 0 or > 100_000)
        {
            errors.Add("WarmUp:Rounds must be in [0, 100000] (0 turns the warm-up off).");
        }

        if (options.MaxSeconds is <= 0 or > 600 || double.IsNaN(options.MaxSeconds))
        {
            errors.Add("WarmUp:MaxSeconds must be in (0, 600].");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
