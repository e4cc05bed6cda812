namespace Gateway.Tests.Apis.Responses;

/// <summary>Responses calls translated to a chat completions upstream; what only a Responses upstream can do is refused.</summary>
public sealed class ResponsesOverChatUpstreamTests(ChatUpstreamFixture fixture) : ResponsesApiTests(fixture), IClassFixture<ChatUpstreamFixture>
{
    [Theory]
    [InlineData("\"store\":true", "store")]
    [InlineData("\"previous_response_id\":\"resp_123\"", "previous_response_id")]
    [InlineData("\"truncation\":\"auto\"", "truncation")]
    public async Task A_field_only_a_responses_upstream_can_take_is_a_400_naming_it(string field, string name)
    {
        using var response = await Fixture.Gateway.Client.PostAsync("v1/responses", HttpAssert.Json($$"""{"model":"fake-model","input":"hi",{{field}}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.StartsWith($"'{name}'", (string?)error["message"], StringComparison.Ordinal);
        Assert.Equal("unsupported_by_upstream", (string?)error["code"]);
        Assert.Equal(name, (string?)error["param"]); // the SDKs surface param as the field at fault
    }

    [Fact]
    public async Task Store_false_is_what_a_translated_call_does_anyway()
    {
        var marker = NewMarker();
        using var response = await Fixture.Gateway.Client.PostAsync("v1/responses", HttpAssert.Json($$"""{"model":"fake-model","input":"hi {{marker}}","store":false}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fake-model", (string?)Fixture.Sent(marker)["model"]);
    }
}
