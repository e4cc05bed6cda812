using System.Net.Http.Headers;

namespace Gateway.Tests.MemoryApi;

/// <summary>One answer of the gateway: status, parsed JSON (null when the body is not JSON) and the raw text.</summary>
public sealed record ApiResponse(HttpStatusCode Status, JsonNode? Json, string Text, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders)
{
    /// <summary>Asserts the status (showing the body when it differs) and returns the JSON object.</summary>
    public JsonObject Expect(HttpStatusCode status)
    {
        Assert.True(status == Status, $"expected {(int)status}, got {(int)Status}: {Text}");
        var json = Json as JsonObject;
        Assert.True(json is not null, $"expected a JSON object: {Text}");
        return json!;
    }

    /// <summary>Asserts 200 and returns the array under <paramref name="property"/>.</summary>
    public JsonArray ExpectList(string property)
    {
        var json = Expect(HttpStatusCode.OK);
        var list = json[property] as JsonArray;
        Assert.True(list is not null, $"expected an array '{property}': {Text}");
        return list!;
    }

    /// <summary>Asserts the status and OpenAI's error shape <c>{"error": {"message", "type", "code"}}</c>; returns the error.</summary>
    public JsonObject ExpectError(HttpStatusCode status)
    {
        var error = Expect(status)["error"] as JsonObject;
        Assert.True(error is not null, $"expected OpenAI's error shape: {Text}");
        Assert.False(string.IsNullOrWhiteSpace((string?)error!["message"]), Text);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["type"]), Text);
        Assert.True(error.ContainsKey("code"), Text);
        return error;
    }
}
