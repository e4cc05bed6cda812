using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TestDoubles.OpenAI;

namespace TestDoubles;

/// <summary>What every loopback fake upstream (chat, Responses, Anthropic) shares: a Kestrel host on a free loopback
/// port, each request recorded before it is answered, JSON answers, and the <c>[[reply:TEXT]]</c> marker a test puts
/// in its prompt.</summary>
public static partial class LoopbackUpstream
{
    /// <summary>Starts <paramref name="handle"/> on a free loopback port: the host, and its base URL ending in <c>/v1</c>.</summary>
    public static async Task<(WebApplication App, string BaseUrl)> StartAsync(RequestDelegate handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(handle);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, address.TrimEnd('/') + "/v1");
    }

    /// <summary>Reads the request's body and records the request; returns the body.</summary>
    public static async Task<string> RecordAsync(HttpContext http, ConcurrentQueue<RecordedRequest> requests)
    {
        var body = await new StreamReader(http.Request.Body, Encoding.UTF8).ReadToEndAsync().ConfigureAwait(false);
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        requests.Enqueue(new RecordedRequest(http.Request.Method, http.Request.Path, headers, body));
        return body;
    }

    public static async Task WriteJsonAsync(HttpContext http, int status, JsonObject body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The text of the <c>[[reply:TEXT]]</c> marker in <paramref name="text"/>, or null.</summary>
    public static string? ReplyIn(string text) => ReplyMarker().Match(text) is { Success: true } m ? m.Groups[1].Value : null;

    public static async ValueTask StopAsync(WebApplication app)
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    [GeneratedRegex(@"\[\[reply:([\s\S]*?)\]\]")]
    private static partial Regex ReplyMarker();
}
