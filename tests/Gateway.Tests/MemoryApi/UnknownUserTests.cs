using static Gateway.Tests.MemoryApi.MemoryJson;

namespace Gateway.Tests.MemoryApi;

/// <summary>A user exists implicitly: one the gateway never saw has an empty memory (200, empty lists), never a 404;
/// only an unknown memory id is a 404.</summary>
public sealed class UnknownUserTests(MemoryGatewayFixture fixture) : IClassFixture<MemoryGatewayFixture>
{
    private MemoryApiClient Api => fixture.Api;

    [Fact]
    public async Task An_unknown_user_lists_an_empty_memory()
    {
        Assert.Empty((await Api.ListAsync(MemoryGatewayFixture.NewUser("nobody"))).ExpectList("memories"));
        Assert.Empty((await Api.ListAsync(MemoryGatewayFixture.NewUser("nobody"), "?includeSuperseded=true")).ExpectList("memories"));
    }

    [Fact]
    public async Task An_unknown_user_searches_an_empty_memory()
    {
        Assert.Empty((await Api.SearchAsync(MemoryGatewayFixture.NewUser("nobody"), "anything at all")).ExpectList("results"));
    }

    [Fact]
    public async Task An_unknown_user_exports_empty_lists_with_default_consent()
    {
        var user = MemoryGatewayFixture.NewUser("nobody");
        var export = (await Api.ExportAsync(user)).Expect(HttpStatusCode.OK);

        Assert.Equal(user, (string?)export["userId"]);
        Assert.Empty(export["memories"]!.AsArray());
        Assert.Empty(export["history"]!.AsArray());
        Assert.True((bool)export["consent"]!["memory"]!);
    }

    [Fact]
    public async Task An_unknown_user_has_an_empty_history_for_any_id()
    {
        Assert.Empty((await Api.HistoryAsync(MemoryGatewayFixture.NewUser("nobody"), "0198c0de-0000-7000-8000-000000000000")).ExpectList("history"));
    }

    [Fact]
    public async Task An_unknown_user_consents_by_default()
    {
        var consent = (await Api.GetConsentAsync(MemoryGatewayFixture.NewUser("nobody"))).Expect(HttpStatusCode.OK);

        Assert.Equal("""{"memory":true}""", consent.ToJsonString());
    }

    [Fact]
    public async Task Erasing_an_unknown_user_succeeds()
    {
        var erased = (await Api.EraseAsync(MemoryGatewayFixture.NewUser("nobody"))).Expect(HttpStatusCode.OK);

        Assert.True((bool)erased["erased"]!);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task An_unknown_memory_id_answers_404_in_OpenAI_error_shape(string method)
    {
        // A user who has memories, and one who has none: both 404 for an id that is not theirs.
        var user = MemoryGatewayFixture.NewUser("known");
        await Api.AddAsync(user, NewMemory("Vera volunteers at the animal shelter"));
        foreach (var who in new[] { user, MemoryGatewayFixture.NewUser("nobody") })
        {
            foreach (var id in new[] { "0198c0de-0000-7000-8000-000000000000", "no-such-id" })
            {
                var response = await Api.SendAsync(new HttpMethod(method), $"v1/users/{who}/memories/{id}",
                    method == "PATCH" ? """{"text":"changed"}""" : null);
                var error = response.ExpectError(HttpStatusCode.NotFound);
                Assert.Equal("not_found", (string?)error["code"]);
            }
        }

        Assert.Equal(["Vera volunteers at the animal shelter"], await Api.TextsAsync(user));
    }
}
