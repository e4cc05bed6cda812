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

    /// <summary>Posts <paramref name="json"/> and asserts a 200 (the body is in the failure message).</summary>
    public static async Task PostOkAsync(HttpClient client, string path, string json)
    {
        using var response = await client.PostAsync(path, Json(json));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
    }
}
