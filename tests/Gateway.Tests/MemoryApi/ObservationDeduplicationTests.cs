using Memory.WriteBack;

namespace Gateway.Tests.MemoryApi;

/// <summary>The gateway with heuristic extraction and the MiniLM embedder: observations go through extraction and
/// write-back consolidation, under the same de-duplication rule as direct writes.</summary>
public sealed class ObservationGatewayFixture : MemoryGatewayFixture
{
    protected override IDictionary<string, string?> Settings(string upstreamBaseUrl)
    {
        var settings = MiniLmGatewayFixture.MiniLm(base.Settings(upstreamBaseUrl));
        settings["Memory:Extraction:Mode"] = "heuristic";
        return settings;
    }
}

/// <summary>Sixteenth session: pairs told as two observations, one after the other. A routine's new time supersedes
/// the old one, a raw first-person observation ("My sister moved to York.") supersedes the extracted third-person
/// memory of the same slot, and what is another fact stays beside the first.</summary>
public sealed class ObservationDeduplicationTests(ObservationGatewayFixture fixture) : IClassFixture<ObservationGatewayFixture>
{
    private MemoryApiClient Api => fixture.Api;

    private async Task ObserveAsync(string user, string text)
    {
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await Api.ObserveAsync(user, new JsonObject { ["text"] = text, ["context"] = "chat" })).Status);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await fixture.Gateway.Services.GetRequiredService<IWriteBackMonitor>().WhenIdleAsync(cts.Token);
    }

    [Theory]
    [InlineData("I wake up at 6.", "I wake up at 7am.", 1, "7am", 2)]
    [InlineData("I wake up at 6.", "I wake up at 6am.", 1, "6am", 1)]
    [InlineData("My sister lives in Leeds.", "My sister moved to York.", 1, "York", 2)]
    [InlineData("My brother is in Leeds.", "My brother isn't in Leeds now.", 1, "isn't", 2)]
    [InlineData("I wake up at 6 on weekdays.", "I wake up at 9 at weekends.", 2, "weekends", 2)]
    [InlineData("My phone number is [PHONE].", "My work phone number is [PHONE].", 2, "work phone", 2)]
    // Nineteenth session: the same pairs as direct writes give the same outcome (each old value was kept current).
    [InlineData("My dog Rex weighs 20 kg.", "Rex weighs 23 kg now.", 1, "23 kg", 2)]
    [InlineData("I live in Madrid.", "I live abroad now.", 1, "abroad", 2)]
    [InlineData("My passport expires in May 2027.", "My new passport expires in June 2036.", 1, "2036", 2)]
    [InlineData("I sleep 7 hours a night.", "I sleep 6 hours a night.", 1, "6 hours", 2)]
    [InlineData("My sister Anna lives in Leeds.", "Anna, my sister, lives in York now.", 1, "York", 2)]
    [InlineData("My PIN is written on a note.", "My PIN is written in my wallet.", 1, "wallet", 2)]
    public async Task Two_observations_keep_every_fact_and_only_the_current_value(string first, string second, int count, string current, int kept)
    {
        var user = MemoryGatewayFixture.NewUser("obs");
        await ObserveAsync(user, first);

        await ObserveAsync(user, second);

        var texts = await Api.TextsAsync(user);
        Assert.Equal(count, texts.Count);
        Assert.Contains(texts, t => t.Contains(current, StringComparison.Ordinal));
        // A superseded memory stays, with its validTo; a refinement updates the memory in place.
        Assert.Equal(kept, (await Api.TextsAsync(user, includeSuperseded: true)).Count);
    }
}
