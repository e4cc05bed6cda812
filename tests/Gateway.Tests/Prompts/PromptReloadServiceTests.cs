using Gateway.Prompts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Prompts;

public sealed class PromptReloadServiceTests : IDisposable
{
    private readonly TempPromptDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task An_edit_goes_live_and_a_broken_edit_keeps_the_last_good_one()
    {
        _dir.Write("chat.yaml", PromptYaml.Chat);
        var store = new PromptTemplateStore(_dir.Path, NullLogger<PromptTemplateStore>.Instance);
        var options = Options.Create(new PromptOptions { PollIntervalMilliseconds = 500, DebounceMilliseconds = 100 });
        using var service = new PromptReloadService(store, options, TimeProvider.System, NullLogger<PromptReloadService>.Instance);
        await service.StartAsync(CancellationToken.None);
        try
        {
            var first = store.Catalog.Find("chat")!.Version;
            _dir.Write("chat.yaml", PromptYaml.ChatNamed("EDITED"));
            Assert.True(await Eventually(() => store.Catalog.Find("chat")!.Version != first), "the edit never went live");
            var edited = store.Catalog.Find("chat")!.Version;

            _dir.Write("chat.yaml", "template: [");
            Assert.True(await Eventually(() => !store.Catalog.Entries["chat"].IsHealthy), "the broken edit was never seen");
            Assert.Equal(edited, store.Catalog.Find("chat")!.Version);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Waits (generously, this is not a timing assertion) until the condition holds.</summary>
    private static async Task<bool> Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return condition();
    }
}
