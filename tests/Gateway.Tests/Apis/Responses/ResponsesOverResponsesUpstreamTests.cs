namespace Gateway.Tests.Apis.Responses;

/// <summary>Responses calls to an upstream that serves Responses natively: the app's own fields go as sent and the
/// upstream's response id comes back, so a stored conversation continues there.</summary>
public sealed class ResponsesOverResponsesUpstreamTests(ResponsesUpstreamFixture fixture) : ResponsesApiTests(fixture), IClassFixture<ResponsesUpstreamFixture>
{
    [Fact]
    public async Task Store_and_previous_response_id_go_to_the_upstream_and_its_response_id_comes_back()
    {
        var marker = NewMarker();
        using var response = await Fixture.Gateway.Client.PostAsync("v1/responses", HttpAssert.Json(
            $$"""{"model":"fake-model","input":"again {{marker}}","store":true,"previous_response_id":"resp_earlier","truncation":"auto","max_output_tokens":50}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Fixture.Sent(marker);
        Assert.Equal((true, "resp_earlier", "auto", 50), ((bool)sent["store"]!, (string?)sent["previous_response_id"], (string?)sent["truncation"], (int)sent["max_output_tokens"]!));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.StartsWith("resp_fake_", (string?)answer["id"], StringComparison.Ordinal);
        Assert.Equal("resp_earlier", (string?)answer["previous_response_id"]);
    }
}
