using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Memory.Tests.Embeddings.OpenAI;

/// <summary>A loopback OpenAI-compatible <c>POST /v1/embeddings</c>: each input's vector is [length, index + 1, 0, ...]
/// with the requested dimensions (default 4), as floats or base64 as the client asks. Records every request.</summary>
internal sealed class FakeEmbeddingsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeEmbeddingsServer(WebApplication app) => _app = app;

    public ConcurrentQueue<(string? Authorization, JsonObject Body)> Requests { get; } = new();

    /// <summary>Base URL ending in /v1.</summary>
    public string BaseUrl => _app.Urls.First().TrimEnd('/') + "/v1";

    public static async Task<FakeEmbeddingsServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeEmbeddingsServer(app);
        app.MapPost("/v1/embeddings", server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = (JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync()) as JsonObject)!;
        Requests.Enqueue((context.Request.Headers.Authorization.ToString(), body));
        var inputs = body["input"] is JsonArray array ? array.Select(n => n!.GetValue<string>()).ToList() : [body["input"]!.GetValue<string>()];
        var dimensions = body["dimensions"]?.GetValue<int>() ?? 4;
        var base64 = body["encoding_format"]?.GetValue<string>() == "base64";
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = new float[dimensions];
            vector[0] = inputs[i].Length;
            vector[1] = i + 1;
            JsonNode embedding = base64
                ? JsonValue.Create(Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan())))
                : new JsonArray(vector.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }

        var response = new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = body["model"]!.GetValue<string>(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 3, ["total_tokens"] = 3 },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.ToJsonString(new JsonSerializerOptions()));
    }
}
