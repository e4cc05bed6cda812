using TestDoubles.Anthropic;

namespace Gateway.Tests.Apis.Messages;

/// <summary>Two gateways on loopback ports: one in front of a chat completions fake upstream (Messages translated
/// to chat), one in front of a fake Anthropic upstream (<c>Upstream:Kind=anthropic</c>). Both use a policy
/// context <see cref="ToolsContext"/> that redacts personal data in tool arguments.</summary>
public sealed class MessagesFixture : IAsyncLifetime
{
    public const string ToolsContext = "tools";

    /// <summary>A policy context that blocks "Project Zebra" on input.</summary>
    public const string StrictContext = "strict";

    private string _policies = string.Empty;

    public FakeOpenAIUpstream ChatUpstream { get; private set; } = null!;
    public FakeAnthropicUpstream AnthropicUpstream { get; private set; } = null!;

    /// <summary>The gateway whose upstream speaks chat completions.</summary>
    public TestGateway ChatGateway { get; private set; } = null!;

    /// <summary>The gateway whose upstream speaks Anthropic Messages.</summary>
    public TestGateway AnthropicGateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _policies = Directory.CreateTempSubdirectory("messages-policies-").FullName;
        File.Copy(Path.Combine(TestGateway.RepoRoot, "prompts", "policies", "default.yaml"), Path.Combine(_policies, "default.yaml"));
        await File.WriteAllTextAsync(Path.Combine(_policies, $"context.{ToolsContext}.yaml"), "toolArguments:\n  pii: redact\n");
        await File.WriteAllTextAsync(Path.Combine(_policies, $"context.{StrictContext}.yaml"), "blocklists:\n  forbidden: [Project Zebra]\n");
        ChatUpstream = await FakeOpenAIUpstream.StartAsync();
        AnthropicUpstream = await FakeAnthropicUpstream.StartAsync();
        ChatGateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = ChatUpstream.BaseUrl,
            ["Upstream:RetryBaseDelaySeconds"] = "0.01",
            ["Guardrails:PoliciesDirectory"] = _policies,
        });
        AnthropicGateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = AnthropicUpstream.BaseUrl,
            ["Upstream:Kind"] = "anthropic",
            ["Upstream:ApiKey"] = FakeAnthropicUpstream.ApiKey,
            ["Upstream:AnthropicMaxTokens"] = "777",
            ["Upstream:RetryBaseDelaySeconds"] = "0.01",
            ["Guardrails:PoliciesDirectory"] = _policies,
        });
    }

    public async Task DisposeAsync()
    {
        await ChatGateway.DisposeAsync();
        await AnthropicGateway.DisposeAsync();
        await ChatUpstream.DisposeAsync();
        await AnthropicUpstream.DisposeAsync();
        Directory.Delete(_policies, recursive: true);
    }
}
