using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Gateway.Tests.Infrastructure;

/// <summary>The real gateway (same composition as Program.cs) on a loopback Kestrel port, with its own temp data
/// directory and the given settings.</summary>
public sealed class TestGateway : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestGateway(WebApplication app, string baseUrl, string dataDirectory)
    {
        _app = app;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
        Client = new HttpClient { BaseAddress = new Uri(baseUrl + "/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string BaseUrl { get; }
    public string DataDirectory { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<TestGateway> StartAsync(IDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null, string? dataDirectory = null)
    {
        var data = dataDirectory ?? Directory.CreateTempSubdirectory("gateway-tests-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = RepoRoot, EnvironmentName = "Testing" });
        var merged = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:Directory"] = data,
            ["Prompts:Directory"] = Path.Combine(RepoRoot, "prompts"),
            ["Memory:Embedder"] = "hash",
            ["Memory:Extraction:Mode"] = "heuristic",
            // Write back at once (the quiet period has tests of its own), so tests need not wait for it.
            ["Memory:WriteBack:QuietPeriod"] = "00:00:00",
            // No request-path warm-up unless a test asks for it (its own tests do).
            ["WarmUp:Rounds"] = "0",
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("GATEWAY_TEST_LOGLEVEL") ?? "Warning",
        };
        foreach (var (k, v) in settings)
        {
            merged[k] = v;
        }

        builder.Configuration.AddInMemoryCollection(merged);
        builder.AddGateway();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapGateway();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return new TestGateway(app, address, data);
    }

    /// <summary>The repository root (where Gateway.sln and prompts/ live).</summary>
    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Gateway.sln not found above the test output.");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
