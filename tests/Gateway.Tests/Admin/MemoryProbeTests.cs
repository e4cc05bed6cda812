using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.MemoryApi;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Admin;

/// <summary><c>POST /v1/admin/memory/probe</c>: the built-in self-test over the live configuration, admin only, its
/// scratch users erased afterwards; and the same run at startup with <c>Memory:ProbeOnStartup</c>.</summary>
public sealed class MemoryProbeTests
{
    private const string AdminKey = "probe-admin-key";
    private const string ChatKey = "probe-chat-key";

    private static Dictionary<string, string?> Keys() => new()
    {
        ["Upstream:BaseUrl"] = "echo:",
        ["Auth:Keys:0:Key"] = AdminKey,
        ["Auth:Keys:0:Tenant"] = "acme",
        ["Auth:Keys:1:Key"] = ChatKey,
        ["Auth:Keys:1:Tenant"] = "acme",
        ["Auth:Keys:1:Scopes:0"] = "chat",
        ["Auth:Keys:1:Scopes:1"] = "memory:read",
    };

    [Fact]
    public async Task Probe_answers_its_figures_and_leaves_nothing_of_its_scratch_users()
    {
        await using var gateway = await TestGateway.StartAsync(Keys());

        using var response = await Post(gateway, AdminKey);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var report = JsonNode.Parse(text)!.AsObject();

        Assert.Equal("sqlite", report["store"]!.GetValue<string>());
        Assert.Equal("hash", report["embedder"]!.GetValue<string>());
        Assert.Equal(30, report["paraphrase"]!["questions"]!.GetValue<int>());
        Assert.Equal(44, report["paraphrase"]!["memories"]!.GetValue<int>());
        Assert.Equal(22, report["dedup"]!["pairs"]!.GetValue<int>());
        Assert.Equal(42, report["extraction"]!["turns"]!.GetValue<int>());
        Assert.Equal(30, report["search"]!["samples"]!.GetValue<int>());
        foreach (var figure in new[] { report["paraphrase"]!["top1"], report["paraphrase"]!["top3"], report["dedup"]!["lossless"],
                     report["dedup"]!["duplicatesCaught"], report["extraction"]!["precision"], report["extraction"]!["recall"] })
        {
            Assert.InRange(figure!.GetValue<double>(), 0, 1);
        }

        Assert.True(report["paraphrase"]!["top3"]!.GetValue<double>() >= report["paraphrase"]!["top1"]!.GetValue<double>());
        Assert.True(report["search"]!["p50Ms"]!.GetValue<double>() > 0);

        // Identical texts are always duplicates, and the statements are found at all: the figures come from real runs.
        Assert.True(report["dedup"]!["duplicatesCaught"]!.GetValue<double>() > 0);
        Assert.True(report["extraction"]!["recall"]!.GetValue<double>() > 0);

        // The scratch users are erased: none of the probe's texts is left in any file of the data directory.
        foreach (var probeText in new[] { "Reykjavik", "Ursula Le Guin", "citalopram", "kiwi-4" })
        {
            Assert.Empty(DataDirectoryScan.FilesContaining(gateway.DataDirectory, probeText));
        }
    }

    [Fact]
    public async Task Probe_still_answers_when_the_memory_guard_fails_closed_on_every_check()
    {
        // A check past its time budget fails closed (guardrail.error): on a loaded machine that refused the probe's own
        // texts and the probe answered 500. Its fixed texts go around the guard; an app's writes still go through it.
        var settings = Keys();
        settings["Guardrails:CheckTimeoutMilliseconds"] = "1";
        await using var gateway = await TestGateway.StartAsync(settings);

        using var response = await Post(gateway, AdminKey);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var report = JsonNode.Parse(text)!.AsObject();
        Assert.True(report["dedup"]!["duplicatesCaught"]!.GetValue<double>() > 0);
        Assert.True(report["paraphrase"]!["top3"]!.GetValue<double>() > 0);
    }

    [Fact]
    public async Task Probe_needs_the_admin_scope()
    {
        await using var gateway = await TestGateway.StartAsync(Keys());

        using var chatOnly = await Post(gateway, ChatKey);
        await HttpAssert.OpenAIErrorAsync(chatOnly, HttpStatusCode.Forbidden);
        using var anonymous = await Post(gateway, apiKey: null);
        await HttpAssert.OpenAIErrorAsync(anonymous, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Probe_on_startup_logs_one_line_of_figures()
    {
        var recorder = new EventRecorder();
        var settings = Keys();
        settings["Memory:ProbeOnStartup"] = "true";
        settings["Logging:LogLevel:Memory.Probe"] = "Information";
        await using var gateway = await TestGateway.StartAsync(settings, b => b.Logging.AddProvider(recorder));

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!recorder.Events.Contains(2700) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Contains(2700, recorder.Events);
        Assert.DoesNotContain(2701, recorder.Events);
    }

    private static async Task<HttpResponseMessage> Post(TestGateway gateway, string? apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/admin/memory/probe");
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return await gateway.Client.SendAsync(request);
    }

    /// <summary>Keeps the event ids the probe logs.</summary>
    private sealed class EventRecorder : ILoggerProvider
    {
        public ConcurrentBag<int> Events { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Recorder(EventRecorder owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (category.StartsWith("Memory.Probe", StringComparison.Ordinal))
                {
                    owner.Events.Add(eventId.Id);
                }
            }
        }
    }
}
