using Microsoft.Extensions.Configuration;

namespace Memory.Embeddings.OpenAI;

/// <summary>Settings section <c>Memory:OpenAI</c> for the <c>openai</c> embedder: any OpenAI-compatible
/// <c>/v1/embeddings</c>. Base URL and key default to the chat upstream's (<c>Upstream:BaseUrl</c>,
/// <c>Upstream:ApiKey</c>).</summary>
public sealed class OpenAIEmbeddingOptions
{
    public const string Section = "Memory:OpenAI";

    /// <summary>Base URL ending in <c>/v1</c>; empty: <c>Upstream:BaseUrl</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Bearer key; empty: <c>Upstream:ApiKey</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Embedding model name sent upstream.</summary>
    public string Model { get; set; } = "text-embedding-3-small";

    /// <summary>Vector size to ask for (models that support shortening, like text-embedding-3-*); null: the
    /// model's own size.</summary>
    public int? Dimensions { get; set; }

    /// <summary>Per-request network timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Reads <c>Memory:OpenAI</c>, filling base URL and key from <c>Upstream</c> when unset.</summary>
    public static OpenAIEmbeddingOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new OpenAIEmbeddingOptions();
        configuration.GetSection(Section).Bind(options);
        if (string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            options.BaseUrl = configuration["Upstream:BaseUrl"];
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            options.ApiKey = configuration["Upstream:ApiKey"];
        }

        return options;
    }
}
