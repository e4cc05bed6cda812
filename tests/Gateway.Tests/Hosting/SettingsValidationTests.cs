using Guardrails;
using Memory.Embeddings.OpenAI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Hosting;

/// <summary>Every settings section is validated on start, and the settings the libraries share come from the
/// gateway (the composition root).</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("RateLimit:RequestsPerMinute", "-1")]
    [InlineData("RateLimit:OpenRequestsPerMinute", "-5")]
    [InlineData("RateLimit:BurstSeconds", "0")]
    [InlineData("Telemetry:OtlpEndpoint", "not a url")]
    [InlineData("Telemetry:ServiceName", " ")]
    [InlineData("WarmUp:Rounds", "-1")]
    [InlineData("WarmUp:MaxSeconds", "0")]
    public async Task Bad_settings_stop_startup_naming_the_key(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstream:BaseUrl"] = "echo:", [key] = value }));

        Assert.Contains(key, error.Message);
    }

    [Fact]
    public async Task Guardrails_and_the_openai_embedder_take_the_gateways_storage_prompts_and_upstream()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = "http://upstream.invalid/v1",
            ["Upstream:ApiKey"] = "upstream-key",
        });

        var storage = gateway.Services.GetRequiredService<IOptions<Memory.Configuration.StorageOptions>>().Value.Directory;
        var prompts = gateway.Services.GetRequiredService<IOptions<Gateway.Prompts.PromptOptions>>().Value.Directory;
        var guardrails = gateway.Services.GetRequiredService<IOptions<GuardrailsOptions>>().Value;
        var embedder = gateway.Services.GetRequiredService<IOptions<OpenAIEmbeddingOptions>>().Value;

        Assert.Equal(storage, guardrails.StorageDirectory);
        Assert.Equal(Path.Combine(prompts, "policies"), guardrails.PoliciesDirectory);
        Assert.Equal(("http://upstream.invalid/v1", "upstream-key"), (embedder.BaseUrl, embedder.ApiKey));
    }

    [Fact]
    public async Task A_librarys_own_setting_wins_over_the_gateways()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = "http://upstream.invalid/v1",
            ["Memory:OpenAI:BaseUrl"] = "http://embeddings.invalid/v1",
        });

        Assert.Equal("http://embeddings.invalid/v1", gateway.Services.GetRequiredService<IOptions<OpenAIEmbeddingOptions>>().Value.BaseUrl);
    }
}
