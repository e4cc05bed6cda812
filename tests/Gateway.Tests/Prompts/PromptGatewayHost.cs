using Gateway;
using Gateway.Endpoints;
using Gateway.Prompts;
using Memory;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Gateway.Tests.Prompts;

/// <summary>The real gateway composition plus the prompt wiring this component asks the lead for
/// (<c>AddGatewayPrompts</c>, <c>MapPromptEndpoints</c>), over a fake memory service and a temp prompt folder,
/// on a loopback port.</summary>
internal sealed class PromptGatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PromptGatewayHost(WebApplication app, string baseUrl, TempPromptDirectory prompts, FakeMemoryService memory)
    {
        _app = app;
        Prompts = prompts;
        Memory = memory;
        Client = new HttpClient { BaseAddress = new Uri(baseUrl + "/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client { get; }

    public TempPromptDirectory Prompts { get; }

    public FakeMemoryService Memory { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<PromptGatewayHost> StartAsync(string upstreamBaseUrl, IDictionary<string, string?>? settings = null)
    {
        var prompts = new TempPromptDirectory();
        prompts.Write("chat.yaml", File.ReadAllText(Path.Combine(TestGateway.RepoRoot, "prompts", "chat.yaml")));
        var memory = new FakeMemoryService();
        var data = Directory.CreateTempSubdirectory("prompt-gateway-tests-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = TestGateway.RepoRoot, EnvironmentName = "Testing" });
        var merged = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:Directory"] = data,
            ["Upstream:BaseUrl"] = upstreamBaseUrl,
            ["Prompts:Directory"] = prompts.Path,
            ["Memory:TokenBudget"] = "200",
            ["Memory:Embedder"] = "hash",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            merged[k] = v;
        }

        builder.Configuration.AddInMemoryCollection(merged);
        builder.AddGateway();
        builder.Services.AddSingleton<IMemoryService>(memory);
        var app = builder.Build();
        app.MapGateway();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return new PromptGatewayHost(app, address, prompts, memory);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Prompts.Dispose();
    }
}
