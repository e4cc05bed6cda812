using Guardrails.Abstractions;
using Guardrails.Audit;
using Guardrails.Checks;
using Guardrails.Decisions;
using Guardrails.Policies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Guardrails;

/// <summary>Registers the guardrail pipeline, its checks, the policy files and the audit log.</summary>
public static class GuardrailsServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IGuardrailPipeline"/>, <see cref="IGuardrailPolicies"/>, <see cref="IAuditLog"/>
    /// and the audit retention service, configured from section <c>Guardrails</c> only. The host passes in
    /// where files live (the gateway configures <see cref="GuardrailsOptions.StorageDirectory"/> from its
    /// <c>Storage:Directory</c> and <see cref="GuardrailsOptions.PoliciesDirectory"/> from its <c>Prompts:Directory</c>);
    /// left unset they are <c>data</c> and <c>prompts/policies</c>. Every registration is a TryAdd, so a caller may
    /// register its own first.</summary>
    public static IServiceCollection AddGatewayGuardrails(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<GuardrailsOptions>()
            .Bind(configuration.GetSection(GuardrailsOptions.Section))
            .PostConfigure(options =>
            {
                options.StorageDirectory ??= "data";
                options.PoliciesDirectory ??= Path.Combine("prompts", "policies");
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GuardrailsOptions>, GuardrailsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddEnumerable(
        [
            ServiceDescriptor.Singleton<IGuardrailCheck, SecretCheck>(),
            ServiceDescriptor.Singleton<IGuardrailCheck, EmailCheck>(),
            ServiceDescriptor.Singleton<IGuardrailCheck, PaymentCardCheck>(),
            ServiceDescriptor.Singleton<IGuardrailCheck, IbanCheck>(),
            ServiceDescriptor.Singleton<IGuardrailCheck, SsnCheck>(),
            ServiceDescriptor.Singleton<IGuardrailCheck, NhsNumberCheck>(),
            ServiceDescriptor.Singleton<IGuardrailCheck, NationalIdCheck>(),
            ServiceDescriptor.Singleton<IGuardrailCheck, DateOfBirthCheck>(),
            ServiceDescriptor.Singleton<IGuardrailCheck, PhoneCheck>(),
            ServiceDescriptor.Singleton<IGuardrailCheck, IpAddressCheck>(),
            ServiceDescriptor.Singleton<IGuardrailCheck, LeakageCheck>(),
            ServiceDescriptor.Singleton<IGuardrailCheck, PromptInjectionCheck>(),
            ServiceDescriptor.Singleton<IGuardrailCheck, JsonSchemaCheck>(),
            ServiceDescriptor.Singleton<IGuardrailCheck, BlocklistCheck>(),
            ServiceDescriptor.Singleton<IGuardrailCheck, TopicCheck>(),
            ServiceDescriptor.Singleton<IGuardrailCheck, OutputLengthCheck>(),
        ]);

        services.TryAddSingleton<PolicyStore>();
        services.TryAddSingleton<IGuardrailPolicies>(sp => sp.GetRequiredService<PolicyStore>());
        services.TryAddSingleton<SqliteAuditLog>();
        services.TryAddSingleton<IAuditLog>(sp => sp.GetRequiredService<SqliteAuditLog>());
        services.TryAddSingleton<IDerivedKeys>(sp => sp.GetRequiredService<SqliteAuditLog>());
        services.TryAddSingleton<JsonSchemaCache>();
        services.TryAddSingleton<DecisionRecorder>();
        services.TryAddSingleton<IGuardrailPipeline, GuardrailPipeline>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AuditRetentionService>());
        return services;
    }
}
