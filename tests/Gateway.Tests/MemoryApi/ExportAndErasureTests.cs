using static Gateway.Tests.MemoryApi.MemoryJson;

namespace Gateway.Tests.MemoryApi;

/// <summary>Export holds everything about a user; erasure leaves no trace of the user's text in any file under the
/// storage directory and touches nobody else.</summary>
public sealed class ExportAndErasureTests(MemoryGatewayFixture fixture) : IClassFixture<MemoryGatewayFixture>
{
    private MemoryApiClient Api => fixture.Api;

    private static string NewMarker() => "mk" + Guid.NewGuid().ToString("N")[..16];

    [Fact]
    public async Task Export_holds_current_and_superseded_memories_history_and_consent()
    {
        var user = MemoryGatewayFixture.NewUser("export");
        var oldId = await Api.AddAsync(user, NewMemory("Cara lives in Dublin", sources: ["s1"]));
        // A second memory, not the same slot ("Cara moved to Galway" would update the first), then the first ended by hand.
        var newId = await Api.AddAsync(user, NewMemory("Cara's new home is in Galway", metadata: new Dictionary<string, string> { ["origin"] = "app" }));
        (await Api.PatchAsync(user, newId, new JsonObject { ["confidence"] = 0.7 })).Expect(HttpStatusCode.OK);
        await Supersession.SupersedeAsync(fixture.Gateway, MemoryGatewayFixture.KeyOf(user), oldId);

        var response = await Api.ExportAsync(user);
        var export = response.Expect(HttpStatusCode.OK);

        Assert.Equal(["userId", "consent", "memories", "history", "pendingTurns", "exportedAt"], export.Select(p => p.Key));
        Assert.Equal(user, (string?)export["userId"]);
        Assert.True((bool)export["consent"]!["memory"]!);
        var memories = export["memories"]!.AsArray();
        Assert.Equal([newId, oldId], memories.Select(Id).OrderBy(id => id == oldId));
        Assert.All(memories, m => Assert.Equal(Fields, m!.AsObject().Select(p => p.Key)));
        Assert.NotNull(memories.Single(m => Id(m) == oldId)!["validTo"]);
        Assert.Equal(["s1"], Strings(memories.Single(m => Id(m) == oldId)!["sources"]));
        Assert.Equal("app", (string?)memories.Single(m => Id(m) == newId)!["metadata"]!["origin"]);
        Assert.Equal(0.7, (double)memories.Single(m => Id(m) == newId)!["confidence"]!, 6);

        var history = export["history"]!.AsArray();
        Assert.Equal(new[] { (oldId, "ADD"), (newId, "ADD"), (newId, "UPDATE") },
            history.Select(h => ((string)h!["memoryId"]!, (string)h["event"]!)).ToArray());
        var times = history.Select(h => Time(h!["at"])).ToList();
        Assert.Equal(times.Order(), times);
        Assert.InRange(Time(export["exportedAt"]), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.StartsWith("attachment", response.ContentHeaders.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_reports_withdrawn_consent()
    {
        var user = MemoryGatewayFixture.NewUser("export");
        (await Api.SetConsentAsync(user, false)).Expect(HttpStatusCode.OK);

        Assert.False((bool)(await Api.ExportAsync(user)).Expect(HttpStatusCode.OK)["consent"]!["memory"]!);
    }

    [Fact]
    public async Task Erasure_leaves_no_file_holding_the_users_text_and_spares_other_users()
    {
        var data = fixture.Gateway.DataDirectory;
        var marker = NewMarker();
        var otherMarker = NewMarker();
        var user = MemoryGatewayFixture.NewUser("erase");
        var other = MemoryGatewayFixture.NewUser("keep");

        var id = await Api.AddAsync(user, NewMemory($"Dina keeps her spare key under the blue flowerpot {marker}", sources: [$"src-{marker}"],
            metadata: new Dictionary<string, string> { ["note"] = $"meta-{marker}" }));
        (await Api.PatchAsync(user, id, new JsonObject { ["text"] = $"Dina keeps her spare key under the red flowerpot {marker}" })).Expect(HttpStatusCode.OK);
        var supersededId = await Api.AddAsync(user, NewMemory($"Dina parks on level three {marker}", "docs"));
        await Supersession.SupersedeAsync(fixture.Gateway, MemoryGatewayFixture.KeyOf(user), supersededId);
        await Api.AddAsync(other, NewMemory($"Emil keeps his spare key at the neighbours {otherMarker}"));
        Assert.NotEmpty((await Api.SearchAsync(user, $"where is the spare key {marker}")).ExpectList("results"));

        // The scan finds the text while it is held, so finding nothing afterwards means something.
        Assert.NotEmpty(DataDirectoryScan.FilesContaining(data, marker));

        var erased = (await Api.EraseAsync(user)).Expect(HttpStatusCode.OK);
        Assert.Equal(user, (string?)erased["userId"]);
        Assert.True((bool)erased["erased"]!);

        Assert.Empty((await Api.ListAsync(user, "?includeSuperseded=true")).ExpectList("memories"));
        Assert.Empty((await Api.SearchAsync(user, new JsonObject { ["query"] = $"spare key flowerpot {marker}", ["includeSuperseded"] = true })).ExpectList("results"));
        var export = (await Api.ExportAsync(user)).Expect(HttpStatusCode.OK);
        Assert.Empty(export["memories"]!.AsArray());
        Assert.Empty(export["history"]!.AsArray());
        Assert.Empty((await Api.HistoryAsync(user, id)).ExpectList("history"));
        (await Api.GetAsync(user, id)).ExpectError(HttpStatusCode.NotFound);

        var leaks = DataDirectoryScan.FilesContaining(data, marker);
        Assert.True(leaks.Count == 0, $"the erased user's text is still in: {string.Join(", ", leaks)}");

        Assert.Equal([$"Emil keeps his spare key at the neighbours {otherMarker}"], await Api.TextsAsync(other));
        Assert.Single((await Api.SearchAsync(other, "spare key")).ExpectList("results"));
        Assert.NotEmpty(DataDirectoryScan.FilesContaining(data, otherMarker));
    }

    [Fact]
    public async Task Erasing_a_user_who_withdrew_consent_keeps_the_refusal_but_not_their_id_in_clear()
    {
        var data = fixture.Gateway.DataDirectory;
        var user = $"{MemoryGatewayFixture.NewUser("withdrawn")}@example.com";
        await Api.AddAsync(user, NewMemory("Gus collects vintage typewriters"));
        (await Api.SetConsentAsync(user, false)).Expect(HttpStatusCode.OK);
        Assert.NotEmpty(DataDirectoryScan.FilesContaining(data, user));

        (await Api.EraseAsync(user)).Expect(HttpStatusCode.OK);

        Assert.False((bool)(await Api.ExportAsync(user)).Expect(HttpStatusCode.OK)["consent"]!["memory"]!);
        var leaks = DataDirectoryScan.FilesContaining(data, user);
        Assert.True(leaks.Count == 0, $"the erased user's id is still in: {string.Join(", ", leaks)}");
    }

    [Fact]
    public async Task An_erased_user_can_start_over()
    {
        var user = MemoryGatewayFixture.NewUser("erase");
        await Api.AddAsync(user, NewMemory("Finn studies marine biology"));
        (await Api.EraseAsync(user)).Expect(HttpStatusCode.OK);

        var again = (await Api.WriteAsync(user, NewMemory("Finn studies marine biology"))).ExpectList("results");

        Assert.Equal("ADD", (string?)again[0]!["event"]);
        Assert.Equal(["Finn studies marine biology"], await Api.TextsAsync(user));
        Assert.Single((await Api.ExportAsync(user)).Expect(HttpStatusCode.OK)["history"]!.AsArray());
    }
}
