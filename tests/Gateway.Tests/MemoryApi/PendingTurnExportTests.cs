using System.Text.Json.Nodes;

namespace Gateway.Tests.MemoryApi;

/// <summary>A gateway whose write-back waits ten minutes before it learns from a turn, so what users said is still
/// held in the outbox when they export.</summary>
public sealed class SlowWriteBackGatewayFixture : MemoryGatewayFixture
{
    protected override IDictionary<string, string?> Settings(string upstreamBaseUrl)
    {
        var settings = base.Settings(upstreamBaseUrl);
        settings["Memory:WriteBack:QuietPeriod"] = "00:10:00";
        settings["Memory:WriteBack:MaxDelay"] = "00:10:00";
        return settings;
    }
}

/// <summary>Export is everything held about the user: the turns write-back has not learned from yet hold what the
/// user said (export left them out), and only that user's turns are shown; erasure removes them.</summary>
public sealed class PendingTurnExportTests(SlowWriteBackGatewayFixture fixture) : IClassFixture<SlowWriteBackGatewayFixture>
{
    private MemoryApiClient Api => fixture.Api;

    [Fact]
    public async Task An_observation_not_yet_learned_from_is_in_the_users_export_only_until_erasure()
    {
        var user = MemoryGatewayFixture.NewUser("pending");
        var other = MemoryGatewayFixture.NewUser("pending");
        (await Api.ObserveAsync(user, new JsonObject { ["text"] = "The user booked a cabin in Tromso for March.", ["context"] = "search" })).Expect(HttpStatusCode.Accepted);
        (await Api.ObserveAsync(other, new JsonObject { ["text"] = "The user plays the oboe." })).Expect(HttpStatusCode.Accepted);

        var export = (await Api.ExportAsync(user)).Expect(HttpStatusCode.OK);

        Assert.Empty(export["memories"]!.AsArray());
        var turn = Assert.Single(export["pendingTurns"]!.AsArray())!;
        Assert.Equal("pending", (string?)turn["state"]);
        Assert.Equal("search", (string?)turn["context"]);
        Assert.True((bool)turn["observation"]!);
        Assert.Equal(["The user booked a cabin in Tromso for March."], turn["messages"]!.AsArray().Select(m => (string?)m));
        Assert.DoesNotContain("oboe", export.ToJsonString(), StringComparison.Ordinal);

        (await Api.EraseAsync(user)).Expect(HttpStatusCode.OK);
        Assert.Empty((await Api.ExportAsync(user)).Expect(HttpStatusCode.OK)["pendingTurns"]!.AsArray());
        Assert.Single((await Api.ExportAsync(other)).Expect(HttpStatusCode.OK)["pendingTurns"]!.AsArray());
    }
}
