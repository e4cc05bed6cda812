using System.Net;
using System.Text.Json.Nodes;

namespace Gateway.Tests.Infrastructure;

/// <summary>Assertions on the gateway's HTTP answers.</summary>
public static class HttpAssert
{
    /// <summary>Asserts the status and OpenAI's error shape; returns the error object.</summary>
    public static async Task<JsonObject> OpenAIErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        var error = (JsonNode.Parse(text) as JsonObject)?["error"] as JsonObject;
        Assert.NotNull(error);
        Assert.False(string.IsNullOrWhiteSpace(error!["message"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(error["type"]?.GetValue<string>()));
        Assert.True(error.ContainsKey("code"));
        return error;
    }

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
