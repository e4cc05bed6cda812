using Microsoft.Extensions.Options;

namespace Memory.Stores.Qdrant;

/// <summary>Stops startup with a clear message when the Qdrant settings cannot work.</summary>
internal sealed class QdrantOptionsValidator : IValidateOptions<QdrantOptions>
{
    public ValidateOptionsResult Validate(string? name, QdrantOptions options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"{QdrantOptions.Section}:Url must be an absolute http:// or https:// URL of Qdrant's gRPC port (e.g. http://localhost:6334); got '{options.Url}'.");
        }

        if (!QdrantCollectionNames.IsValidPrefix(options.CollectionPrefix))
        {
            errors.Add($"{QdrantOptions.Section}:CollectionPrefix must be 1-64 letters, digits or '-' (no '_'); got '{options.CollectionPrefix}'.");
        }

        if (options.ShardNumber == 0)
        {
            errors.Add($"{QdrantOptions.Section}:ShardNumber must be at least 1 when set.");
        }

        if (options.ReplicationFactor == 0)
        {
            errors.Add($"{QdrantOptions.Section}:ReplicationFactor must be at least 1 when set.");
        }

        if (options.WriteConsistencyFactor == 0 ||
            (options.WriteConsistencyFactor is { } w && options.ReplicationFactor is { } r && w > r))
        {
            errors.Add($"{QdrantOptions.Section}:WriteConsistencyFactor must be between 1 and ReplicationFactor when set.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{QdrantOptions.Section}:Timeout must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
