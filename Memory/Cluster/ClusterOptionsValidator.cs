using Memory.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Memory.Cluster;

/// <summary>Stops startup on a Redis configuration string StackExchange.Redis cannot parse, a bad key prefix or
/// timeout, or a cluster over the embedded SQLite store (one process per data directory).</summary>
internal sealed class ClusterOptionsValidator(IOptions<MemoryOptions> memory) : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        try
        {
            var parsed = ConfigurationOptions.Parse(options.Redis!);
            if (parsed.EndPoints.Count == 0)
            {
                errors.Add("Cluster:Redis names no endpoint (expected host:port, e.g. redis:6379).");
            }
        }
        catch (ArgumentException e)
        {
            errors.Add($"Cluster:Redis is not a StackExchange.Redis configuration string: {e.Message}");
        }

        if (string.IsNullOrEmpty(options.KeyPrefix) || !options.KeyPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            errors.Add("Cluster:KeyPrefix must be letters, digits and '-' only.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(1))
        {
            errors.Add("Cluster:Timeout must be above zero and at most one minute.");
        }

        if (options.LeaseTime < TimeSpan.FromSeconds(1))
        {
            errors.Add("Cluster:LeaseTime must be at least one second.");
        }

        if (!string.Equals(memory.Value.Store, "qdrant", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("Cluster:Redis needs a shared memory store: set Memory:Store=qdrant (the embedded SQLite store is one process per data directory).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
