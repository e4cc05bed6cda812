using System.Net;
using System.Text.Json.Nodes;
using Gateway.Tests.Proxy;

namespace Gateway.Tests.Guarding;

/// <summary>The schema an app sends with <c>response_format</c> cannot hang or crash a request: an invalid
/// pattern is a 400 naming <c>response_format</c>, and an answer nested deeper than the validator handles fails
/// the schema (audited as <c>schema.invalid</c>) instead of answering 500.</summary>
[Collection("proxy")]
public sealed class ResponseSchemaTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private static string Body(string schema, string content) => new JsonObject
    {
        ["model"] = "fake-model",
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = content }),
        ["response_format"] = new JsonObject
        {
            ["type"] = "json_schema",
            ["json_schema"] = new JsonObject { ["name"] = "answer", ["schema"] = JsonNode.Parse(schema) },
        },
    }.ToJsonString();

    [Theory]
    [InlineData("""{"type":"object","properties":{"code":{"type":"string","pattern":"([a-z"}}}""")]
    [InlineData("""{"type":"object","patternProperties":{"(?<":{"type":"string"}}}""")]
    public async Task An_invalid_pattern_is_a_400_naming_response_format(string schema)
    {
        using var response = await fixture.Gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(Body(schema, "schema-400-test")));

        var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("response_format", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        Assert.DoesNotContain(fixture.Upstream.ChatRequests, r => r.RawBody.Contains("schema-400-test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_answer_nested_deeper_than_the_validator_handles_fails_the_schema_not_the_request()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = HttpAssert.Json(Body("""{"type":"object","properties":{"a":{"$ref":"#"}}}""", $"deep [[reply:{deep}]]")),
        };
        request.Headers.Add("X-Request-Id", "schema-deep-1");

        using var response = await fixture.Gateway.Client.SendAsync(request);

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        var events = JsonNode.Parse(await fixture.Gateway.Client.GetStringAsync("v1/audit/events?requestId=schema-deep-1&rule=schema"))!["events"]!.AsArray();
        Assert.Contains(events, e => e!["rule"]!.GetValue<string>() == "schema.invalid");
    }
}
