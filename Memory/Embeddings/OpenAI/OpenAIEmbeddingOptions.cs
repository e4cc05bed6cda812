using Microsoft.Extensions.Configuration;

namespace Memory.Embeddings.OpenAI;

/// <summary>Settings section <c>Memory:OpenAI</c> for the <c>openai</c> embedder: any OpenAI-compatible
/// <c>/v1/embeddings</c>. The host passes the chat upstream's base URL and key in as defaults (the gateway
/// post-configures them from its <c>Upstream</c> section); the memory library reads no other section.</summary>
public sealed class OpenAIEmbeddingOptions
{
    public const string Section = "Memory:OpenAI";

    /// <summary>Base URL ending in <c>/v1</c>; empty: the host's default (the gateway's <c>Upstream:BaseUrl</c>).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Bearer key; empty: the host's default (the gateway's <c>Upstream:ApiKey</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Embedding model name sent upstream.</summary>
    public string Model { get; set; } = "text-embedding-3-small";

    /// <summary>Vector size to ask for (models that support shortening, like text-embedding-3-*); null: the
    /// model's own size.</summary>
    public int? Dimensions { get; set; }

    /// <summary>Per-request network timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Reads <c>Memory:OpenAI</c>, filling base URL and key from the host's defaults when unset.</summary>
    public static OpenAIEmbeddingOptions FromConfiguration(IConfiguration configuration, string? defaultBaseUrl = null, string? defaultApiKey = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new OpenAIEmbeddingOptions();
        configuration.GetSection(Section).Bind(options);
        options.ApplyDefaults(defaultBaseUrl, defaultApiKey);
        return options;
    }

    /// <summary>Fills base URL and key from the host's defaults where this section leaves them empty.</summary>
    public void ApplyDefaults(string? defaultBaseUrl, string? defaultApiKey)
    {
        if (string.IsNullOrWhiteSpace(BaseUrl))
        {
            BaseUrl = defaultBaseUrl;
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            ApiKey = defaultApiKey;
        }
    }
}
