using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Benchmarks.Overhead;

/// <summary>The floor of a forwarding proxy on this machine: a minimal Kestrel app (no middleware, no checks) that
/// reads <c>POST /v1/chat/completions</c> whole, posts the same bytes with one pooled <see cref="HttpClient"/>
/// (SocketsHttpHandler, keep-alive, no cookies, proxy or redirects) to the upstream and writes the answer's status,
/// content type and bytes back. What the gateway adds beyond what this adds is the gateway's own cost.</summary>
internal static class ProxyFloor
{
    /// <summary>Starts the floor on <paramref name="urls"/> (a free loopback port by default) forwarding to
    /// <paramref name="upstreamBaseUrl"/> (ending in <c>/v1</c>); returns the app and its base URL.</summary>
    public static async Task<(WebApplication App, string BaseUrl)> StartAsync(string upstreamBaseUrl, string urls = "http://127.0.0.1:0")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        var client = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        var target = new Uri(upstreamBaseUrl.TrimEnd('/') + "/chat/completions");
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body.ToArray()) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted);
            var answer = await response.Content.ReadAsByteArrayAsync(http.RequestAborted);
            http.Response.StatusCode = (int)response.StatusCode;
            http.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            http.Response.ContentLength = answer.Length;
            await http.Response.Body.WriteAsync(answer, http.RequestAborted);
        });
        app.Lifetime.ApplicationStopped.Register(client.Dispose);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return (app, address);
    }

    /// <summary><c>overhead floor-server UPSTREAM_BASE_URL [URLS]</c>: the floor as its own process (beside the
    /// acceptance harness's gateway process, against the same upstream), until stopped.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: overhead floor-server UPSTREAM_BASE_URL [http://127.0.0.1:PORT]");
            return 2;
        }

        var (app, address) = await StartAsync(args[0], args.Length > 1 ? args[1] : "http://127.0.0.1:0");
        Console.WriteLine($"proxy floor on {address} -> {args[0]}");
        await app.WaitForShutdownAsync();
        return 0;
    }
}
