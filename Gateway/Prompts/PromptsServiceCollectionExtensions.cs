using Gateway.Pipeline;
using Memory.Abstractions;
using Memory.Configuration;
using Memory.Text;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Prompts;

/// <summary>Registers prompt templates, their live reload, the prompt assembler, the renderer the write-back
/// uses, and the variant statistics.</summary>
public static class PromptsServiceCollectionExtensions
{
    /// <summary>Adds everything under <c>Gateway.Prompts</c>. Needs an <see cref="Memory.IMemoryService"/> singleton
    /// registered by the memory library. Every registration is a TryAdd, so tests and hosts can override.</summary>
    public static IServiceCollection AddGatewayPrompts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<PromptOptions>().Bind(configuration.GetSection(PromptOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PromptOptions>, PromptOptionsValidator>());
        // Binding the same section again is idempotent; it makes Memory:TokenBudget reach the assembler even when
        // the memory library is registered later.
        services.AddOptions<MemoryOptions>().Bind(configuration.GetSection(MemoryOptions.Section));
        services.AddTokenCounter();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(sp => new PromptTemplateStore(
            ResolveDirectory(sp.GetRequiredService<IOptions<PromptOptions>>().Value.Directory, sp.GetRequiredService<IHostEnvironment>().ContentRootPath),
            sp.GetRequiredService<ILogger<PromptTemplateStore>>()));
        services.TryAddSingleton<PromptTemplateSelector>();
        services.TryAddSingleton<ContextWindowBudget>();
        services.TryAddSingleton<IPromptAssembler, PromptAssembler>();
        services.TryAddSingleton<IPromptRenderer, PromptRenderer>();
        services.TryAddSingleton<IPromptStats, PromptStats>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatRequestObserver, PromptStatsObserver>());
        services.AddHostedService<PromptReloadService>();
        return services;
    }

    /// <summary>A relative directory resolves against the content root.</summary>
    internal static string ResolveDirectory(string directory, string contentRoot) =>
        Path.GetFullPath(Path.IsPathRooted(directory) ? directory : Path.Combine(contentRoot, directory));
}
