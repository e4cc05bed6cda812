using Memory.Abstractions;
using Memory.WriteBack;
using Memory.WriteBack.Extraction;
using Memory.WriteBack.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Memory.Tests.WriteBack;

public sealed class RegistrationTests
{
    [Theory]
    [InlineData("llm", typeof(LlmFactExtractor))]
    [InlineData("heuristic", typeof(HeuristicFactExtractor))]
    [InlineData("off", typeof(NoFactExtractor))]
    public async Task Mode_picks_the_extractor(string mode, Type expected)
    {
        await using var h = new WriteBackHarness(mode: mode);

        Assert.IsType(expected, h.Services.GetRequiredService<IFactExtractor>());
    }

    [Fact]
    public async Task Public_entry_points_resolve_and_the_worker_is_hosted_once()
    {
        await using var h = new WriteBackHarness();

        Assert.IsType<SqliteConversationOutbox>(h.Services.GetRequiredService<IConversationOutbox>());
        Assert.Same(h.Services.GetRequiredService<IConversationOutbox>(), h.Services.GetRequiredService<IWriteBackAdmin>());
        Assert.Same(h.Worker, h.Services.GetRequiredService<IWriteBackMonitor>());
        Assert.Single(h.Services.GetServices<IHostedService>().OfType<WriteBackWorker>());
        Assert.IsType<AllowAllMemoryContentGuard>(h.Services.GetRequiredService<IMemoryContentGuard>());
    }

    [Fact]
    public void Bad_settings_fail_validation_with_the_key_named()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Memory:WriteBack:BatchSize"] = "0",
        }).Build();
        using var services = new ServiceCollection().AddMemoryWriteBack(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<WriteBackOptions>>().Value);

        Assert.Contains("Memory:WriteBack:BatchSize", error.Message, StringComparison.Ordinal);
    }
}
