using Guardrails.Abstractions;
using Guardrails.Checks;
using Guardrails.Policies;

namespace Guardrails.Tests.Support;

/// <summary>Policies and check contexts for unit tests.</summary>
internal static class TestPolicies
{
    private static readonly Lazy<PolicyDocument> ShippedDefault = new(() =>
    {
        using var stream = typeof(PolicyStore).Assembly.GetManifestResourceStream("Guardrails.default-policy.yaml")!;
        using var reader = new StreamReader(stream);
        return PolicyParser.TryParse(reader.ReadToEnd(), out var error) ?? throw new InvalidOperationException(error);
    });

    public static GuardrailPolicy Default => GuardrailPolicy.Merge([("default", ShippedDefault.Value)]);

    public static GuardrailPolicy FromYaml(string yaml) =>
        GuardrailPolicy.Merge([("default", ShippedDefault.Value), ("test", PolicyParser.TryParse(yaml, out var error) ?? throw new InvalidOperationException(error))]);

    public static GuardrailRequestContext Request(string? userId = "user-1") => new()
    {
        RequestId = "req-1",
        Tenant = "tenant-a",
        UserId = userId,
        TemplateVersion = "chat@abc123",
    };

    public static CheckContext Context(GuardrailStage stage = GuardrailStage.Output, GuardrailPolicy? policy = null, GuardrailRequestContext? request = null) =>
        new(stage, request ?? Request(), policy ?? Default);

    /// <summary>The matched substrings of <paramref name="check"/> on <paramref name="text"/>.</summary>
    public static List<string> Matches(IGuardrailCheck check, string text, CheckContext? context = null) =>
        check.Detect(text, context ?? Context()).Select(d => text.Substring(d.Start, d.Length)).ToList();
}
