using static Gateway.Tests.MemoryApi.MemoryJson;

namespace Gateway.Tests.MemoryApi;

/// <summary>What a deleted memory leaves behind, through the real gateway: nothing of its content by default (history
/// keeps the events), its text when the deployer keeps deleted text (<c>Memory:KeepDeletedText</c>).</summary>
public sealed class DeletedTextTests(MemoryGatewayFixture fixture) : IClassFixture<MemoryGatewayFixture>
{
    [Fact]
    public async Task A_deleted_memory_leaves_no_text_in_its_successors_history_and_the_others_keep_theirs()
    {
        var api = fixture.Api;
        var user = MemoryGatewayFixture.NewUser("forgot");
        var kept = await api.AddAsync(user, NewMemory("Noor plays the oud on Sundays"));
        var doomed = await api.AddAsync(user, NewMemory("Noor's bank PIN hint is the cat's name Tibbles"));

        (await api.DeleteAsync(user, doomed)).Expect(HttpStatusCode.OK);

        var export = (await api.ExportAsync(user)).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain("Tibbles", export.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Noor plays the oud on Sundays", export.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(["ADD", "DELETE"], (await api.HistoryAsync(user, doomed)).ExpectList("history").Select(h => (string)h!["event"]!));
        Assert.Equal("Noor plays the oud on Sundays", Text((await api.HistoryAsync(user, kept)).ExpectList("history")[0]!["after"]));

        // The same text written again is a new memory (nothing current holds it), with its own history.
        var again = await api.AddAsync(user, NewMemory("Noor's bank PIN hint is the cat's name Tibbles"));
        Assert.NotEqual(doomed, again);
        Assert.Equal("Noor's bank PIN hint is the cat's name Tibbles", Text((await api.HistoryAsync(user, again)).ExpectList("history")[0]!["after"]));
    }

    [Fact]
    public async Task With_deleted_text_kept_history_still_holds_it()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = fixture.Upstream.BaseUrl,
            ["Memory:KeepDeletedText"] = "true",
        });
        var api = new MemoryApiClient(gateway.Client);
        var user = MemoryGatewayFixture.NewUser("kept");
        var id = await api.AddAsync(user, NewMemory("Omar keeps a spare key under the blue pot"));

        (await api.DeleteAsync(user, id)).Expect(HttpStatusCode.OK);

        var history = (await api.HistoryAsync(user, id)).ExpectList("history");
        Assert.Equal("Omar keeps a spare key under the blue pot", Text(history[0]!["after"]));
        Assert.Equal("Omar keeps a spare key under the blue pot", Text(history[1]!["before"]));
    }
}
