namespace Gateway.Tests.Pipeline;

/// <summary>A fake upstream and the real gateway in front of it with small answer limits (1 MiB answers, 64 KiB
/// lines, 2 s of silence), shared by the pipeline tests.</summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    public const int MaxAnswerBytes = 1024 * 1024;

    public FakeOpenAIUpstream Upstream { get; private set; } = null!;
    public TestGateway Gateway { get; private set; } = null!;

    /// <summary>Policy overrides by context: <c>strict</c> blocks "Project Zebra" on input; <c>tools</c> redacts
    /// personal data in tool arguments.</summary>
    public const string StrictContext = "strict";
    public const string ToolsContext = "tools";

    /// <summary>A context whose policy allows no re-ask.</summary>
    public const string NoReaskContext = "no-reask";

    private string _policies = string.Empty;

    public async Task InitializeAsync()
    {
        _policies = Directory.CreateTempSubdirectory("pipeline-policies-").FullName;
        File.Copy(Path.Combine(TestGateway.RepoRoot, "prompts", "policies", "default.yaml"), Path.Combine(_policies, "default.yaml"));
        await File.WriteAllTextAsync(Path.Combine(_policies, $"context.{StrictContext}.yaml"), "blocklists:\n  forbidden: [Project Zebra]\n");
        await File.WriteAllTextAsync(Path.Combine(_policies, $"context.{ToolsContext}.yaml"), "toolArguments:\n  pii: redact\n");
        await File.WriteAllTextAsync(Path.Combine(_policies, $"context.{NoReaskContext}.yaml"), "reaskMaxAttempts: 0\n");
        Upstream = await FakeOpenAIUpstream.StartAsync();
        Gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = Upstream.BaseUrl,
            ["Upstream:RetryBaseDelaySeconds"] = "0.01",
            ["Limits:MaxAnswerBytes"] = MaxAnswerBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Limits:MaxAnswerLineBytes"] = "65536",
            ["Limits:AnswerIdleTimeoutSeconds"] = "2",
            ["Guardrails:PoliciesDirectory"] = _policies,
        });
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
        Directory.Delete(_policies, recursive: true);
    }
}
