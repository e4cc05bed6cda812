using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qdrant.Client;

namespace Memory.Stores.Qdrant;

/// <summary>Registers the Qdrant memory store (<c>Memory:Store = qdrant</c>).</summary>
public static class QdrantServiceCollectionExtensions
{
    /// <summary>Binds and validates <c>Memory:Qdrant</c> (bad settings stop startup) and registers the Qdrant
    /// store as the <see cref="IMemoryStore"/> unless one is registered already. The gRPC client is created on
    /// first use and disposed with the container.</summary>
    public static IServiceCollection AddQdrantMemoryStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<QdrantOptions>().Bind(configuration.GetSection(QdrantOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QdrantOptions>, QdrantOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<QdrantOptions>>().Value;
            var loggers = sp.GetRequiredService<ILoggerFactory>();
            var client = new QdrantClient(new Uri(options.Url), options.ApiKey, options.Timeout, loggers);
            return new QdrantMemoryStore(client, options, sp.GetRequiredService<TimeProvider>(),
                loggers.CreateLogger<QdrantMemoryStore>(), ownsClient: true);
        });
        services.TryAddSingleton<IMemoryStore>(sp => sp.GetRequiredService<QdrantMemoryStore>());
        return services;
    }
}
