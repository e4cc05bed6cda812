using Memory.Diagnostics;
using Memory.Embeddings.Onnx;
using Memory.Embeddings.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Memory.Embeddings;

/// <summary>Picks the embedder named by <c>Memory:Embedder</c>: <c>minilm</c> (default) or <c>arctic</c> (shipped, offline),
/// <c>hash</c>, <c>onnx</c> (the deployer's model) or <c>openai</c>. A local model that cannot load falls back to
/// <c>hash</c>, logged once and reported through <see cref="EmbedderStatus"/>, so the gateway still starts.</summary>
public static partial class EmbedderSelection
{
    public static IServiceCollection AddConfiguredEmbedder(this IServiceCollection services, IConfiguration configuration)
    {
        // An unknown name is reported by the settings validator at startup (Memory:Embedder).
        var requested = (configuration["Memory:Embedder"] ?? "minilm").Trim().ToLowerInvariant();
        // One selection per container: the status and the generator come from the same attempt.
        // Memory:OpenAI as options, so the host can post-configure its defaults (base URL and key of its upstream).
        services.AddOptions<OpenAIEmbeddingOptions>().Bind(configuration.GetSection(OpenAIEmbeddingOptions.Section));
        // The chosen local model's settings are validated on start (named options under the section's name).
        if (requested switch { "minilm" => OnnxEmbeddingOptions.MiniLmSection, "arctic" => OnnxEmbeddingOptions.ArcticSection, "onnx" => OnnxEmbeddingOptions.OnnxSection, _ => null } is { } onnxSection)
        {
            services.AddOptions<OnnxEmbeddingOptions>(onnxSection).Bind(configuration.GetSection(onnxSection)).ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OnnxEmbeddingOptions>, OnnxEmbeddingOptionsValidator>());
        }

        services.AddSingleton(sp => Select(requested, configuration, sp.GetRequiredService<IOptions<OpenAIEmbeddingOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => sp.GetRequiredService<Selected>().Status);
        services.AddMemoryEmbedder(sp => sp.GetRequiredService<Selected>().Generator);
        return services;
    }

    private static Selected Select(string requested, IConfiguration configuration, OpenAIEmbeddingOptions openAI, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(EmbedderSelection));
        IEmbeddingGenerator<string, Embedding<float>>? generator;
        string? error;
        switch (requested)
        {
            case "hash":
                return new Selected(EmbeddingGenerators.CreateHash(configuration), new EmbedderStatus { Requested = requested, Active = "hash" });
            case "openai":
                return new Selected(EmbeddingGenerators.CreateOpenAI(openAI), new EmbedderStatus { Requested = requested, Active = "openai" });
            case "minilm":
                var miniLm = configuration.GetSection(OnnxEmbeddingOptions.MiniLmSection).Get<OnnxEmbeddingOptions>() ?? new OnnxEmbeddingOptions();
                if (OnnxEmbeddingGenerators.TryCreateMiniLm(miniLm, loggers, out generator, out error))
                {
                    return new Selected(generator, new EmbedderStatus { Requested = requested, Active = "minilm" });
                }

                break;
            case "arctic":
                var arctic = configuration.GetSection(OnnxEmbeddingOptions.ArcticSection).Get<OnnxEmbeddingOptions>() ?? new OnnxEmbeddingOptions();
                if (OnnxEmbeddingGenerators.TryCreateArctic(arctic, loggers, out generator, out error))
                {
                    return new Selected(generator, new EmbedderStatus { Requested = requested, Active = "arctic" });
                }

                break;
            case "onnx":
                var onnx = configuration.GetSection(OnnxEmbeddingOptions.OnnxSection).Get<OnnxEmbeddingOptions>() ?? new OnnxEmbeddingOptions();
                if (OnnxEmbeddingGenerators.TryCreate(onnx, loggers, out generator, out error))
                {
                    return new Selected(generator, new EmbedderStatus { Requested = requested, Active = "onnx" });
                }

                break;
            default:
                throw new InvalidOperationException($"Memory:Embedder must be minilm, arctic, hash, onnx or openai (got '{requested}').");
        }

        LogFallback(logger, requested, error);
        return new Selected(EmbeddingGenerators.CreateHash(configuration),
            new EmbedderStatus { Requested = requested, Active = "hash", FallbackReason = $"{requested} could not load ({error}); serving with the lexical hash embedder" });
    }

    [LoggerMessage(MemoryEventIds.EmbedderFallback, LogLevel.Error, "The '{Requested}' embedder could not load ({Reason}); falling back to the lexical 'hash' embedder. /healthz reports degraded.", EventName = "EmbedderFallback")]
    private static partial void LogFallback(ILogger logger, string requested, string? reason);

    private sealed record Selected(IEmbeddingGenerator<string, Embedding<float>> Generator, EmbedderStatus Status);
}
