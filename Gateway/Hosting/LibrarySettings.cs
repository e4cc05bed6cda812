using Gateway.Prompts;
using Gateway.Upstream;
using Guardrails;
using Memory.Configuration;
using Memory.Embeddings.OpenAI;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>
/// The composition root passes the settings the libraries share into them, so each library reads only its own
/// section: Guardrails gets where files live (<c>Storage:Directory</c>) and where policies live
/// (<c>{Prompts:Directory}/policies</c>); Memory's <c>openai</c> embedder gets the chat upstream's base URL and key.
/// A library's own setting (<c>Guardrails:StorageDirectory</c>, <c>Memory:OpenAI:BaseUrl</c>, ...) wins.
/// </summary>
internal static class LibrarySettings
{
    public static IServiceCollection AddLibrarySettings(this IServiceCollection services)
    {
        services.AddOptions<GuardrailsOptions>()
            .Configure<IOptions<StorageOptions>, IOptions<PromptOptions>>((guardrails, storage, prompts) =>
            {
                guardrails.StorageDirectory ??= NonEmpty(storage.Value.Directory);
                guardrails.PoliciesDirectory ??= NonEmpty(prompts.Value.Directory) is { } directory ? Path.Combine(directory, "policies") : null;
            });
        services.AddOptions<OpenAIEmbeddingOptions>()
            .PostConfigure<IOptions<UpstreamOptions>>((embedder, upstream) => embedder.ApplyDefaults(upstream.Value.BaseUrl, upstream.Value.ApiKey));
        return services;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
