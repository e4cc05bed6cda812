using static Gateway.Tests.MemoryApi.MemoryJson;

namespace Gateway.Tests.MemoryApi;

/// <summary>Memory consent: on by default; withdrawn, nothing about the user is remembered or injected (writes,
/// patches and observations 409 <c>consent_withdrawn</c>, search empty, chat proxied without memory) while export
/// and erasure still work; given again, memory works again.</summary>
public sealed class ConsentTests(MemoryGatewayFixture fixture) : IClassFixture<MemoryGatewayFixture>
{
    private MemoryApiClient Api => fixture.Api;

    private static void AssertConsentWithdrawn(ApiResponse response) =>
        Assert.Equal("consent_withdrawn", (string?)response.ExpectError(HttpStatusCode.Conflict)["code"]);

    [Fact]
    public async Task Consent_is_on_by_default_and_put_answers_the_new_value()
    {
        var user = MemoryGatewayFixture.NewUser("consent");

        Assert.Equal("""{"memory":true}""", (await Api.GetConsentAsync(user)).Expect(HttpStatusCode.OK).ToJsonString());
        Assert.Equal("""{"memory":false}""", (await Api.SetConsentAsync(user, false)).Expect(HttpStatusCode.OK).ToJsonString());
        Assert.Equal("""{"memory":false}""", (await Api.GetConsentAsync(user)).Expect(HttpStatusCode.OK).ToJsonString());
        Assert.Equal("""{"memory":true}""", (await Api.SetConsentAsync(user, true)).Expect(HttpStatusCode.OK).ToJsonString());
        Assert.Equal("""{"memory":true}""", (await Api.GetConsentAsync(user)).Expect(HttpStatusCode.OK).ToJsonString());
    }

    [Fact]
    public async Task Withdrawn_consent_refuses_writes_patches_and_observations_with_409()
    {
        var user = MemoryGatewayFixture.NewUser("consent");
        var id = await Api.AddAsync(user, NewMemory("Xena practises archery"));
        (await Api.SetConsentAsync(user, false)).Expect(HttpStatusCode.OK);

        AssertConsentWithdrawn(await Api.WriteAsync(user, NewMemory("Xena bought a new longbow")));
        AssertConsentWithdrawn(await Api.PatchAsync(user, id, new JsonObject { ["text"] = "Xena practises archery twice a week" }));
        AssertConsentWithdrawn(await Api.ObserveAsync(user, new JsonObject { ["text"] = "Xena mentioned her longbow", ["context"] = "chat" }));

        var history = (await Api.HistoryAsync(user, id)).ExpectList("history");
        Assert.Equal(["ADD"], history.Select(h => (string)h!["event"]!));
        Assert.DoesNotContain("longbow", (await Api.ExportAsync(user)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawn_consent_makes_search_empty()
    {
        var user = MemoryGatewayFixture.NewUser("consent");
        await Api.AddAsync(user, NewMemory("Yara speaks fluent Portuguese"));
        Assert.Single((await Api.SearchAsync(user, "Portuguese")).ExpectList("results"));

        (await Api.SetConsentAsync(user, false)).Expect(HttpStatusCode.OK);

        Assert.Empty((await Api.SearchAsync(user, "Portuguese")).ExpectList("results"));
        Assert.Empty((await Api.SearchAsync(user, new JsonObject { ["query"] = "Portuguese", ["includeSuperseded"] = true })).ExpectList("results"));
    }

    [Fact]
    public async Task Withdrawn_consent_proxies_chat_without_memory()
    {
        var user = MemoryGatewayFixture.NewUser("consent");
        await Api.AddAsync(user, NewMemory("Zoe is allergic to shellfish zoemarker"));

        // With consent the memory reaches the upstream, so its absence below means something.
        var personalized = await ChatAsync(user, "dinner ideas? turn-1");
        Assert.Contains("zoemarker", personalized.RawBody, StringComparison.Ordinal);

        (await Api.SetConsentAsync(user, false)).Expect(HttpStatusCode.OK);
        var plain = await ChatAsync(user, "dinner ideas? turn-2");

        Assert.DoesNotContain("zoemarker", plain.RawBody, StringComparison.Ordinal);
        var messages = plain.Json!["messages"]!.AsArray();
        Assert.True(JsonNode.DeepEquals(new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "dinner ideas? turn-2" }), messages),
            messages.ToJsonString());
    }

    [Fact]
    public async Task Export_and_erasure_still_work_without_consent()
    {
        var user = MemoryGatewayFixture.NewUser("consent");
        await Api.AddAsync(user, NewMemory("Abel sings in a choir"));
        (await Api.SetConsentAsync(user, false)).Expect(HttpStatusCode.OK);

        var export = (await Api.ExportAsync(user)).Expect(HttpStatusCode.OK);
        Assert.False((bool)export["consent"]!["memory"]!);
        Assert.Equal(["Abel sings in a choir"], Texts(export["memories"]!.AsArray()));

        (await Api.EraseAsync(user)).Expect(HttpStatusCode.OK);
        Assert.Empty(await Api.TextsAsync(user));
        Assert.Empty((await Api.ExportAsync(user)).Expect(HttpStatusCode.OK)["memories"]!.AsArray());
    }

    [Fact]
    public async Task Consent_given_again_restores_writes_and_search()
    {
        var user = MemoryGatewayFixture.NewUser("consent");
        (await Api.SetConsentAsync(user, false)).Expect(HttpStatusCode.OK);
        AssertConsentWithdrawn(await Api.WriteAsync(user, NewMemory("Bea restores old clocks")));

        (await Api.SetConsentAsync(user, true)).Expect(HttpStatusCode.OK);

        Assert.Equal("ADD", (string?)(await Api.WriteAsync(user, NewMemory("Bea restores old clocks"))).ExpectList("results")[0]!["event"]);
        Assert.Equal(["Bea restores old clocks"], Texts((await Api.SearchAsync(user, "clocks")).ExpectList("results")));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"memory":null}""")]
    [InlineData("""{"memory":"false"}""")]
    [InlineData("""{"memory":0}""")]
    [InlineData("""{"memory":[true]}""")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{\"memory\":")]
    [InlineData("")]
    [InlineData("""{"memory":true,"memory":false}""")] // was taken as false: the last of the two
    [InlineData("""{"memory":true,"Memory":false}""")]
    public async Task A_bad_consent_body_answers_400_and_changes_nothing(string body)
    {
        var user = MemoryGatewayFixture.NewUser("consent");

        (await Api.SendAsync(HttpMethod.Put, $"v1/users/{user}/consent", body)).ExpectError(HttpStatusCode.BadRequest);

        Assert.True((bool)(await Api.GetConsentAsync(user)).Expect(HttpStatusCode.OK)["memory"]!);
    }

    private async Task<RecordedRequest> ChatAsync(string user, string content)
    {
        var body = new JsonObject
        {
            ["model"] = "fake-model",
            ["user"] = user,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = content }),
        };
        var response = await Api.SendAsync(HttpMethod.Post, "v1/chat/completions", body.ToJsonString());
        response.Expect(HttpStatusCode.OK);
        return fixture.Upstream.ChatRequests.Last(r => r.RawBody.Contains(content, StringComparison.Ordinal));
    }
}
