using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Memory.Text;

/// <summary>Registers the shared tiktoken counter.</summary>
public static class TokenCounterServiceCollectionExtensions
{
    public static IServiceCollection AddTokenCounter(this IServiceCollection services)
    {
        services.TryAddSingleton<ITokenCounter, TiktokenTokenCounter>();
        return services;
    }
}
