using static Gateway.Tests.MemoryApi.MemoryJson;

namespace Gateway.Tests.MemoryApi;

/// <summary>Write, list, get, patch, delete and history through the real gateway, in the contract's JSON.</summary>
public sealed class MemoryRoundTripTests(MemoryGatewayFixture fixture) : IClassFixture<MemoryGatewayFixture>
{
    private MemoryApiClient Api => fixture.Api;

    [Fact]
    public async Task Write_list_get_patch_delete_and_history_round_trip()
    {
        var user = MemoryGatewayFixture.NewUser("erin");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var written = (await Api.WriteAsync(user, NewMemory("Erin keeps bees on her rooftop", "chat", 0.8, "2024-05-01T10:00:00+00:00",
            ["msg-1"], new Dictionary<string, string> { ["origin"] = "tests" }))).ExpectList("results");
        var result = Assert.Single(written)!.AsObject();
        Assert.Equal(["id", "event"], result.Select(p => p.Key));
        Assert.Equal("ADD", (string?)result["event"]);
        var id = Id(result);
        Assert.False(string.IsNullOrWhiteSpace(id));

        var listed = Assert.Single((await Api.ListAsync(user)).ExpectList("memories"))!.AsObject();
        Assert.Equal(Fields, listed.Select(p => p.Key));
        Assert.Equal(id, Id(listed));
        Assert.Equal("Erin keeps bees on her rooftop", Text(listed));
        Assert.Equal("chat", (string?)listed["context"]);
        Assert.Equal(0.8, (double)listed["confidence"]!, 6);
        Assert.Equal(DateTimeOffset.Parse("2024-05-01T10:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture), Time(listed["occurredAt"]));
        Assert.InRange(Time(listed["createdAt"]), before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(Time(listed["createdAt"]), Time(listed["updatedAt"]));
        Assert.Null(listed["validTo"]);
        Assert.Equal(["msg-1"], Strings(listed["sources"]));
        Assert.Equal("tests", (string?)listed["metadata"]!["origin"]);

        var got = (await Api.GetAsync(user, id)).Expect(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(listed, got), $"GET differs from the listing: {got.ToJsonString()}");

        var patched = (await Api.PatchAsync(user, id, new JsonObject { ["text"] = "Erin keeps bees and hens on her rooftop", ["confidence"] = 0.9 }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(Fields, patched.Select(p => p.Key));
        Assert.Equal(id, Id(patched));
        Assert.Equal("Erin keeps bees and hens on her rooftop", Text(patched));
        Assert.Equal(0.9, (double)patched["confidence"]!, 6);
        Assert.Equal(["msg-1"], Strings(patched["sources"]));
        Assert.Equal(Time(listed["createdAt"]), Time(patched["createdAt"]));
        Assert.True(Time(patched["updatedAt"]) >= Time(listed["updatedAt"]));
        Assert.True(JsonNode.DeepEquals(patched, (await Api.GetAsync(user, id)).Expect(HttpStatusCode.OK)));

        var deleted = (await Api.DeleteAsync(user, id)).Expect(HttpStatusCode.OK);
        Assert.Equal(id, (string?)deleted["id"]);
        Assert.True((bool)deleted["deleted"]!);
        (await Api.GetAsync(user, id)).ExpectError(HttpStatusCode.NotFound);
        Assert.Empty((await Api.ListAsync(user)).ExpectList("memories"));
        Assert.Empty((await Api.ListAsync(user, "?includeSuperseded=true")).ExpectList("memories"));

        var history = (await Api.HistoryAsync(user, id)).ExpectList("history");
        Assert.Equal(["ADD", "UPDATE", "DELETE"], history.Select(h => (string)h!["event"]!));
        Assert.All(history, h => Assert.Equal(id, (string?)h!["memoryId"]));
        var times = history.Select(h => Time(h!["at"])).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Null(history[0]!["before"]);
        Assert.Null(history[2]!["after"]);
        Assert.Equal(Fields, history[0]!["after"]!.AsObject().Select(p => p.Key));

        // A deleted memory leaves no content: every snapshot keeps its id, context, confidence and instants, and loses
        // its text, sources and metadata; the events and their times stay.
        var snapshots = new[] { history[0]!["after"], history[1]!["before"], history[1]!["after"], history[2]!["before"] };
        Assert.All(snapshots, s =>
        {
            Assert.Equal(id, Id(s!));
            Assert.Equal(string.Empty, Text(s));
            Assert.Empty(Strings(s!["sources"]));
            Assert.Empty(s!["metadata"]!.AsObject());
        });
        Assert.Equal(0.8, (double)history[0]!["after"]!["confidence"]!, 6);
        Assert.Equal(0.9, (double)history[2]!["before"]!["confidence"]!, 6);
        var export = (await Api.ExportAsync(user)).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain("bees", export.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("msg-1", export.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(["ADD", "UPDATE", "DELETE"], export["history"]!.AsArray().Select(h => (string)h!["event"]!));
    }

    [Fact]
    public async Task A_repeated_write_is_a_NOOP_and_keeps_the_count()
    {
        var user = MemoryGatewayFixture.NewUser("dedup");
        var first = (await Api.WriteAsync(user, NewMemory("Fiona is training for the Lisbon half marathon", sources: ["m1"]))).ExpectList("results");
        var again = (await Api.WriteAsync(user, NewMemory("Fiona is training for the Lisbon half marathon", sources: ["m1"]))).ExpectList("results");

        Assert.Equal("ADD", (string?)first.Single()!["event"]);
        Assert.Equal("NOOP", (string?)again.Single()!["event"]);
        Assert.Equal(Id(first.Single()), Id(again.Single()));
        Assert.Single(await Api.TextsAsync(user));
        Assert.Single((await Api.HistoryAsync(user, Id(first.Single()))).ExpectList("history"));
    }

    [Fact]
    public async Task A_repeated_write_with_new_provenance_is_an_UPDATE_that_unions_the_sources()
    {
        var user = MemoryGatewayFixture.NewUser("dedup");
        var id = await Api.AddAsync(user, NewMemory("Gus works night shifts at the airport", sources: ["m1"]));

        var again = (await Api.WriteAsync(user, NewMemory("Gus works night shifts at the airport", sources: ["m2"]))).ExpectList("results");

        Assert.Equal("UPDATE", (string?)again.Single()!["event"]);
        Assert.Equal(id, Id(again.Single()));
        var memory = Assert.Single((await Api.ListAsync(user)).ExpectList("memories"));
        Assert.Equal(["m1", "m2"], Strings(memory!["sources"]).Order());
        Assert.Equal(["ADD", "UPDATE"], (await Api.HistoryAsync(user, id)).ExpectList("history").Select(h => (string)h!["event"]!));
    }

    [Fact]
    public async Task A_batch_write_answers_one_result_per_memory_in_order()
    {
        var user = MemoryGatewayFixture.NewUser("batch");
        var results = (await Api.WriteAsync(user,
            NewMemory("Hana plays the cello"),
            NewMemory("Hana lives in Osaka"),
            NewMemory("Hana plays the cello"))).ExpectList("results");

        Assert.Equal(3, results.Count);
        Assert.Equal(["ADD", "ADD", "NOOP"], results.Select(r => (string)r!["event"]!));
        Assert.NotEqual(Id(results[0]), Id(results[1]));
        Assert.Equal(Id(results[0]), Id(results[2]));
        Assert.Equal(["Hana lives in Osaka", "Hana plays the cello"], (await Api.TextsAsync(user)).Order());
    }

    [Fact]
    public async Task Defaults_apply_when_optional_fields_are_left_out()
    {
        var user = MemoryGatewayFixture.NewUser("defaults");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var id = await Api.AddAsync(user, NewMemory("Ivo collects vinyl records"));

        var memory = (await Api.GetAsync(user, id)).Expect(HttpStatusCode.OK);
        Assert.Equal(Fields, memory.Select(p => p.Key));
        Assert.Equal("chat", (string?)memory["context"]);
        Assert.Equal(1.0, (double)memory["confidence"]!, 6);
        Assert.InRange(Time(memory["occurredAt"]), before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Empty(memory["sources"]!.AsArray());
        Assert.Empty(memory["metadata"]!.AsObject());
    }

    [Fact]
    public async Task Search_results_carry_the_memory_fields_plus_score_and_their_provenance()
    {
        var user = MemoryGatewayFixture.NewUser("prov");
        await Api.WriteAsync(user,
            NewMemory("Jade is vegetarian and avoids meat and fish", "chat", 0.9, sources: ["conv-7", "msg-42"],
                metadata: new Dictionary<string, string> { ["origin"] = "checks", ["app"] = "cookbook" }),
            NewMemory("Jade prefers short answers", "docs", 0.8, sources: ["msg-9"]));

        var results = (await Api.SearchAsync(user, "dinner ideas without meat or fish", limit: 5)).ExpectList("results");

        var top = results[0]!.AsObject();
        Assert.Equal(SearchFields, top.Select(p => p.Key));
        Assert.Equal("Jade is vegetarian and avoids meat and fish", Text(top));
        Assert.Equal(["conv-7", "msg-42"], Strings(top["sources"]));
        Assert.Equal("checks", (string?)top["metadata"]!["origin"]);
        Assert.Equal("cookbook", (string?)top["metadata"]!["app"]);
        Assert.True((double)top["score"]! > 0);
    }

    [Fact]
    public async Task A_patch_with_nothing_to_change_answers_the_memory_and_records_no_history()
    {
        var user = MemoryGatewayFixture.NewUser("patch");
        var id = await Api.AddAsync(user, NewMemory("Kai rides a recumbent bicycle"));
        var original = (await Api.GetAsync(user, id)).Expect(HttpStatusCode.OK);

        var patched = (await Api.PatchAsync(user, id, [])).Expect(HttpStatusCode.OK);

        Assert.True(JsonNode.DeepEquals(original, patched), patched.ToJsonString());
        Assert.Equal(["ADD"], (await Api.HistoryAsync(user, id)).ExpectList("history").Select(h => (string)h!["event"]!));
    }

    [Fact]
    public async Task Patching_context_sources_and_metadata_replaces_them()
    {
        var user = MemoryGatewayFixture.NewUser("patch");
        var id = await Api.AddAsync(user, NewMemory("Lea uses Neovim", "chat", sources: ["a"], metadata: new Dictionary<string, string> { ["k"] = "v" }));

        var patched = (await Api.PatchAsync(user, id, new JsonObject
        {
            ["context"] = "docs",
            ["sources"] = new JsonArray("b", "c"),
            ["metadata"] = new JsonObject { ["editor"] = "nvim" },
            ["occurredAt"] = "2023-01-02T03:04:05Z",
        })).Expect(HttpStatusCode.OK);

        Assert.Equal("Lea uses Neovim", Text(patched));
        Assert.Equal("docs", (string?)patched["context"]);
        Assert.Equal(["b", "c"], Strings(patched["sources"]));
        Assert.Equal("nvim", (string?)patched["metadata"]!["editor"]);
        Assert.False(patched["metadata"]!.AsObject().ContainsKey("k"));
        Assert.Equal(new DateTimeOffset(2023, 1, 2, 3, 4, 5, TimeSpan.Zero), Time(patched["occurredAt"]));
        Assert.True(JsonNode.DeepEquals(patched, (await Api.GetAsync(user, id)).Expect(HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Deleting_a_memory_twice_answers_404_the_second_time()
    {
        var user = MemoryGatewayFixture.NewUser("delete");
        var id = await Api.AddAsync(user, NewMemory("Milo is learning to juggle"));

        (await Api.DeleteAsync(user, id)).Expect(HttpStatusCode.OK);
        var error = (await Api.DeleteAsync(user, id)).ExpectError(HttpStatusCode.NotFound);

        Assert.Equal("not_found", (string?)error["code"]);
        Assert.Equal(["ADD", "DELETE"], (await Api.HistoryAsync(user, id)).ExpectList("history").Select(h => (string)h!["event"]!));
    }
}
