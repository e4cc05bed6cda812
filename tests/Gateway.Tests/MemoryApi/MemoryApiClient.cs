using System.Net.Http.Headers;
using System.Text;

namespace Gateway.Tests.MemoryApi;

/// <summary>Raw HTTP calls to the gateway's memory API (no SDK exists for it), optionally with an app key. Paths are
/// sent as given, so tests can also send malformed ones.</summary>
public sealed class MemoryApiClient(HttpClient http, string? key = null)
{
    public MemoryApiClient WithKey(string? apiKey) => new(http, apiKey);

    public Task<ApiResponse> WriteAsync(string user, params JsonObject[] memories) =>
        SendAsync(HttpMethod.Post, $"v1/users/{user}/memories", new JsonObject { ["memories"] = new JsonArray(memories.Select(m => m.DeepClone()).ToArray()) }.ToJsonString());

    /// <summary>Writes one memory and returns its id (asserting 200).</summary>
    public async Task<string> AddAsync(string user, JsonObject memory)
    {
        var results = (await WriteAsync(user, memory)).ExpectList("results");
        return (string)results.Single()!["id"]!;
    }

    public Task<ApiResponse> AddTextAsync(string user, string text) => WriteAsync(user, new JsonObject { ["text"] = text });

    public Task<ApiResponse> SearchAsync(string user, JsonObject body) =>
        SendAsync(HttpMethod.Post, $"v1/users/{user}/memories/search", body.ToJsonString());

    public Task<ApiResponse> SearchAsync(string user, string query, int? limit = null)
    {
        var body = new JsonObject { ["query"] = query };
        if (limit is { } l)
        {
            body["limit"] = l;
        }

        return SearchAsync(user, body);
    }

    public Task<ApiResponse> ListAsync(string user, string query = "") => SendAsync(HttpMethod.Get, $"v1/users/{user}/memories{query}");

    public Task<ApiResponse> GetAsync(string user, string id) => SendAsync(HttpMethod.Get, $"v1/users/{user}/memories/{id}");

    public Task<ApiResponse> PatchAsync(string user, string id, JsonObject body) =>
        SendAsync(HttpMethod.Patch, $"v1/users/{user}/memories/{id}", body.ToJsonString());

    public Task<ApiResponse> DeleteAsync(string user, string id) => SendAsync(HttpMethod.Delete, $"v1/users/{user}/memories/{id}");

    public Task<ApiResponse> HistoryAsync(string user, string id) => SendAsync(HttpMethod.Get, $"v1/users/{user}/memories/{id}/history");

    public Task<ApiResponse> ExportAsync(string user) => SendAsync(HttpMethod.Get, $"v1/users/{user}/export");

    public Task<ApiResponse> EraseAsync(string user) => SendAsync(HttpMethod.Delete, $"v1/users/{user}");

    public Task<ApiResponse> GetConsentAsync(string user) => SendAsync(HttpMethod.Get, $"v1/users/{user}/consent");

    public Task<ApiResponse> SetConsentAsync(string user, bool memory) =>
        SendAsync(HttpMethod.Put, $"v1/users/{user}/consent", new JsonObject { ["memory"] = memory }.ToJsonString());

    public Task<ApiResponse> ObserveAsync(string user, JsonObject body) =>
        SendAsync(HttpMethod.Post, $"v1/users/{user}/observations", body.ToJsonString());

    /// <summary>Current memory texts of the user (asserting 200).</summary>
    public async Task<List<string>> TextsAsync(string user, bool includeSuperseded = false)
    {
        var memories = (await ListAsync(user, includeSuperseded ? "?includeSuperseded=true" : "")).ExpectList("memories");
        return memories.Select(m => (string)m!["text"]!).ToList();
    }

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return new ApiResponse(response.StatusCode, json, text, response.Headers, response.Content.Headers);
    }
}
