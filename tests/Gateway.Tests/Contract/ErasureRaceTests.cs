using Gateway.Tests.MemoryApi;

namespace Gateway.Tests.Contract;

/// <summary>Writes, observations and chat turns for one user racing that user's erasures: every call answers without a
/// server error, and once the writers have stopped, one more erasure leaves nothing: no memory listed or found, no
/// pending turn, no file under the data directory holding any text that was written.</summary>
public sealed class ErasureRaceTests(MemoryGatewayFixture fixture) : IClassFixture<MemoryGatewayFixture>
{
    [Fact]
    public async Task Writes_racing_erasures_never_fail_with_a_server_error_and_a_final_erasure_leaves_nothing()
    {
        var user = MemoryGatewayFixture.NewUser("race");
        var api = fixture.Api;
        var texts = new System.Collections.Concurrent.ConcurrentBag<string>();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<(string What, HttpStatusCode Status)>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4));

        async Task Writer(int n)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var text = $"Racer{n}x{i} keeps a marmot named Zq{n}q{i}.";
                texts.Add($"Zq{n}q{i}");
                var status = (n % 3) switch
                {
                    0 => (await api.AddTextAsync(user, text)).Status,
                    1 => (await api.ObserveAsync(user, new JsonObject { ["text"] = text, ["context"] = "chat" })).Status,
                    _ => await ChatAsync(user, text),
                };
                statuses.Add(($"writer {n % 3}", status));
            }
        }

        async Task Eraser()
        {
            while (!stop.IsCancellationRequested)
            {
                statuses.Add(("erase", (await api.EraseAsync(user)).Status));
                await Task.Delay(150);
            }
        }

        await Task.WhenAll(Writer(0), Writer(1), Writer(2), Writer(3), Writer(4), Writer(5), Eraser());

        Assert.DoesNotContain(statuses, s => (int)s.Status >= 500);
        Assert.All(statuses, s => Assert.True(s.Status is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{s.What}: {(int)s.Status}"));

        // Let write-back drain what was accepted before the last erasure, then erase once more.
        await Task.Delay(500);
        (await api.EraseAsync(user)).Expect(HttpStatusCode.OK);

        Assert.Empty((await api.ListAsync(user, "?includeSuperseded=true")).Expect(HttpStatusCode.OK)["memories"]!.AsArray());
        var export = (await api.ExportAsync(user)).Expect(HttpStatusCode.OK);
        Assert.Empty(export["memories"]!.AsArray());
        Assert.Empty(export["pendingTurns"]!.AsArray());
        Assert.Empty((await api.SearchAsync(user, "marmot")).Expect(HttpStatusCode.OK)["results"]!.AsArray());
        var left = texts.Where(t => DataDirectoryScan.FilesContaining(fixture.Gateway.DataDirectory, t).Count > 0).Take(5).ToList();
        Assert.True(left.Count == 0, "still on disk: " + string.Join(", ", left));
    }

    private async Task<HttpStatusCode> ChatAsync(string user, string text)
    {
        var body = new JsonObject
        {
            ["model"] = "fake-model",
            ["user"] = user,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
        };
        using var response = await fixture.Gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(body.ToJsonString()));
        return response.StatusCode;
    }
}
