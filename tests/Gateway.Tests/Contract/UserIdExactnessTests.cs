using Gateway.Tests.MemoryApi;

namespace Gateway.Tests.Contract;

/// <summary>User ids are compared exactly, with no case folding or Unicode normalisation: ids that only look alike
/// (<c>alice</c>, <c>Alice</c>, full-width <c>Ａlice</c>; <c>Joël</c> precomposed and decomposed) are different users in
/// the memory API and in chat, so one never silently reads another's memory.</summary>
public sealed class UserIdExactnessTests(MemoryGatewayFixture fixture) : IClassFixture<MemoryGatewayFixture>
{
    [Theory]
    [InlineData("alice", "Alice")]
    [InlineData("alice", "\uFF21lice")] // FULLWIDTH LATIN CAPITAL LETTER A
    [InlineData("Jo\u00EBl", "Joe\u0308l")] // NFC and NFD of the same name
    public async Task Ids_that_only_look_alike_are_different_users(string one, string other)
    {
        var suffix = "-" + Guid.NewGuid().ToString("N")[..8];
        var (first, second) = (one + suffix, other + suffix);
        await fixture.Api.AddAsync(Uri.EscapeDataString(first), new JsonObject { ["text"] = "The user collects antique barometers." });

        Assert.Empty((await fixture.Api.ListAsync(Uri.EscapeDataString(second))).Expect(HttpStatusCode.OK)["memories"]!.AsArray());
        Assert.Single((await fixture.Api.ListAsync(Uri.EscapeDataString(first))).Expect(HttpStatusCode.OK)["memories"]!.AsArray());

        var body = new JsonObject
        {
            ["model"] = "fake-model",
            ["user"] = second,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "What do I collect? barometers" }),
        };
        using var response = await fixture.Gateway.Client.PostAsync("v1/prompts/preview", HttpAssert.Json(body.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["memories"]!.AsArray());
    }
}
