using Gateway.Tests.MemoryApi;

namespace Gateway.Tests.Contract;

/// <summary>The memory API refuses a field it does not know, naming it, as the chat APIs do: a misspelt optional field
/// (<c>occured_at</c>, <c>min_confidence</c>) was dropped silently, so the memory was stored with another date or the
/// search returned what the app had asked to leave out, and nothing told the app.</summary>
public sealed class UnknownFieldTests(MemoryGatewayFixture fixture) : IClassFixture<MemoryGatewayFixture>
{
    [Theory]
    [InlineData("POST", "memories", """{"memories":[{"text":"The user rides a tandem bicycle.","occured_at":"2024-01-01T00:00:00Z"}]}""", "memories[0].occured_at")]
    [InlineData("POST", "memories", """{"memories":[{"text":"The user rides a tandem bicycle."}],"dryRun":true}""", "dryRun")]
    [InlineData("POST", "memories/search", """{"query":"bicycle","min_confidence":0.9}""", "min_confidence")]
    [InlineData("POST", "observations", """{"text":"The user rides a tandem bicycle.","context":"chat","source":"app"}""", "source")]
    [InlineData("PUT", "consent", """{"memory":true,"scope":"all"}""", "scope")]
    public async Task A_field_the_memory_API_does_not_know_is_a_400_naming_it(string method, string path, string json, string param)
    {
        var user = MemoryGatewayFixture.NewUser("unknown-field");

        using var response = await fixture.Gateway.Client.SendAsync(
            new HttpRequestMessage(new HttpMethod(method), $"v1/users/{user}/{path}") { Content = HttpAssert.Json(json) });

        var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(param, (string?)error["param"]);
        Assert.Empty((await fixture.Api.ListAsync(user)).Expect(HttpStatusCode.OK)["memories"]!.AsArray());
    }

    [Fact]
    public async Task A_patch_with_a_field_the_memory_API_does_not_know_changes_nothing()
    {
        var user = MemoryGatewayFixture.NewUser("unknown-field");
        var id = await fixture.Api.AddAsync(user, new JsonObject { ["text"] = "The user rides a tandem bicycle.", ["confidence"] = 0.9 });

        var error = (await fixture.Api.PatchAsync(user, id, new JsonObject { ["confidence"] = 0.2, ["confidense"] = 0.1 })).ExpectError(HttpStatusCode.BadRequest);

        Assert.Equal("confidense", (string?)error["param"]);
        Assert.Equal(0.9, (double)(await fixture.Api.GetAsync(user, id)).Expect(HttpStatusCode.OK)["confidence"]!);
    }
}
