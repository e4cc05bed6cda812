using System.ClientModel;
using global::OpenAI;
using Microsoft.Extensions.AI;

namespace Memory.Embeddings.OpenAI;

/// <summary>Builds the <c>openai</c> embedder on the official OpenAI SDK through Microsoft.Extensions.AI.</summary>
internal static class OpenAIEmbeddingGeneratorFactory
{
    /// <summary>Local OpenAI-compatible servers often need no key, but the SDK requires one to send.</summary>
    private const string PlaceholderKey = "no-key";

    public static IEmbeddingGenerator<string, Embedding<float>> Create(OpenAIEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var endpoint) ||
            (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException(
                $"The openai embedder needs an http(s) base URL ending in /v1 in {OpenAIEmbeddingOptions.Section}:BaseUrl (or, through the gateway, Upstream:BaseUrl).");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            throw new InvalidOperationException($"{OpenAIEmbeddingOptions.Section}:Model must name an embedding model.");
        }

        if (options.Dimensions is <= 0)
        {
            throw new InvalidOperationException($"{OpenAIEmbeddingOptions.Section}:Dimensions must be positive when set.");
        }

        var key = string.IsNullOrWhiteSpace(options.ApiKey) ? PlaceholderKey : options.ApiKey;
        var client = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = endpoint,
            NetworkTimeout = options.Timeout,
        });
        var inner = client.GetEmbeddingClient(options.Model).AsIEmbeddingGenerator(options.Dimensions);
        var modelId = options.Dimensions is { } dims ? $"openai:{options.Model}:{dims}" : $"openai:{options.Model}";
        return new ModelIdEmbeddingGenerator(inner, "openai", endpoint, modelId, options.Dimensions);
    }
}
