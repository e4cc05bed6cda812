using Guardrails.Abstractions;
using Guardrails.Audit;
using Guardrails.Policies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TestDoubles;

namespace Guardrails.Tests.Support;

/// <summary>The library composed as the gateway composes it (AddGatewayGuardrails), over a temp folder with
/// the shipped default policy, real SQLite files and a fake clock.</summary>
internal sealed class GuardrailsHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public GuardrailsHarness(string? extraPolicyYaml = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        Directory.CreateDirectory(PoliciesDirectory);
        using (var stream = typeof(PolicyStore).Assembly.GetManifestResourceStream("Guardrails.default-policy.yaml")!)
        using (var file = File.Create(Path.Combine(PoliciesDirectory, "default.yaml")))
        {
            stream.CopyTo(file);
        }

        if (extraPolicyYaml is not null)
        {
            File.AppendAllText(Path.Combine(PoliciesDirectory, "default.yaml"), "\n" + extraPolicyYaml);
        }

        var values = new Dictionary<string, string?>
        {
            ["Guardrails:StorageDirectory"] = Temp.Combine("data"),
            ["Guardrails:PoliciesDirectory"] = PoliciesDirectory,
            ["Guardrails:PolicyPollSeconds"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(Time);
        services?.Invoke(collection);
        _services = collection
            .AddGatewayGuardrails(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public TempDirectory Temp { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public string PoliciesDirectory => Temp.Combine("policies");

    public IGuardrailPipeline Pipeline => _services.GetRequiredService<IGuardrailPipeline>();

    public IAuditLog Audit => _services.GetRequiredService<IAuditLog>();

    public IGuardrailPolicies Policies => _services.GetRequiredService<IGuardrailPolicies>();

    public string AuditDatabase => ((SqliteAuditLog)Audit).DatabasePath;

    public void Dispose()
    {
        _services.Dispose();
        Temp.Dispose();
    }
}
