using System.Net.Http.Json;
using System.Text;
using Gateway.Tests.MemoryApi;

namespace Gateway.Tests.Robustness;

/// <summary>Nothing acknowledged is lost when the process dies outright: the built gateway runs as its own process,
/// is told things (direct writes, an observation, chat turns, a consent change, a redacted guardrail decision, an
/// erasure), is killed with SIGKILL the moment the last answer arrives (no shutdown, no flush, write-back still
/// pending: a chat turn waits for its conversation to go quiet), and is started again on the same files.</summary>
public sealed class ProcessKillTests
{
    [Fact]
    public async Task Killed_outright_then_restarted_keeps_everything_it_acknowledged_and_nothing_it_erased()
    {
        var data = Directory.CreateTempSubdirectory("gateway-kill-").FullName;
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["Upstream__BaseUrl"] = "echo:",
                ["Storage__Directory"] = data,
                ["Prompts__Directory"] = Path.Combine(TestGateway.RepoRoot, "prompts"),
                ["Memory__Embedder"] = "hash",
                ["Memory__Extraction__Mode"] = "heuristic",
                ["WarmUp__Rounds"] = "0",
                ["Logging__LogLevel__Default"] = "Warning",
                // A chat turn waits for its conversation to go quiet before it is written back: long enough that the
                // first process dies with the turns still in the outbox (it is killed well within the period), short
                // enough that the second one writes them soon after it starts.
                ["Memory__WriteBack__QuietPeriod"] = "00:00:05",
                ["Memory__WriteBack__PollInterval"] = "00:00:00.2",
            };

            var (alice, bob, carol, dave) = (User("alice"), User("bob"), User("carol"), User("dave"));
            const string DaveSecret = "Dave's ferret Quizzlewick sleeps in a hatbox";
            string[] aliceIds;
            await using (var first = await GatewayProcess.StartAsync(settings))
            {
                var api = first.Client;
                var written = await PostAsync(api, $"v1/users/{alice}/memories", new JsonObject
                {
                    ["memories"] = new JsonArray(
                        new JsonObject { ["text"] = "My locker code is 4417." },
                        new JsonObject { ["text"] = "I am allergic to peanuts.", ["context"] = "health" },
                        new JsonObject { ["text"] = "My daughter Ines plays the cello." }),
                });
                aliceIds = written["results"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToArray();
                Assert.Equal(3, aliceIds.Length);

                using (var observed = await api.PostAsJsonAsync($"v1/users/{alice}/observations", new { text = "I work as a beekeeper in the hills.", context = "docs" }))
                {
                    Assert.Equal(HttpStatusCode.Accepted, observed.StatusCode);
                }

                await ChatAsync(api, bob, "My dog Pepper is a border collie. Write to me at bob.kill@example.com please.");
                await ChatAsync(api, dave, "I am a pastry chef in Lyon.");
                await PostAsync(api, $"v1/users/{dave}/memories", new JsonObject { ["memories"] = new JsonArray(new JsonObject { ["text"] = DaveSecret }) });
                using (var consent = await api.PutAsJsonAsync($"v1/users/{carol}/consent", new { memory = false }))
                {
                    Assert.Equal(HttpStatusCode.OK, consent.StatusCode);
                }

                using (var erased = await api.DeleteAsync(new Uri($"v1/users/{dave}", UriKind.Relative)))
                {
                    Assert.True(erased.IsSuccessStatusCode, $"erasure answered {(int)erased.StatusCode}");
                }

                first.Kill();
            }

            await using var second = await GatewayProcess.StartAsync(settings);
            var client = second.Client;

            // Direct writes were durable before they were acknowledged.
            var aliceMemories = await ListAsync(client, alice);
            foreach (var id in aliceIds)
            {
                Assert.Contains(aliceMemories, m => m?["id"]?.GetValue<string>() == id);
            }

            // The observation and bob's chat turn were in the outbox: the restarted process writes them back.
            await EventuallyAsync(async () => (await ListAsync(client, alice)).Any(m => Text(m).Contains("beekeeper", StringComparison.OrdinalIgnoreCase)),
                "alice's observation was written back after the restart", second);
            await EventuallyAsync(async () => (await ListAsync(client, bob)).Any(m => Text(m).Contains("Pepper", StringComparison.Ordinal)),
                "bob's chat turn was written back after the restart", second);

            // The consent change held.
            var consentAfter = await client.GetFromJsonAsync<JsonObject>(new Uri($"v1/users/{carol}/consent", UriKind.Relative));
            Assert.False(consentAfter!["memory"]!.GetValue<bool>());

            // The guardrail decision on bob's e-mail address was recorded before bob got his answer, and the chain holds.
            var events = await client.GetFromJsonAsync<JsonObject>(new Uri("v1/audit/events?rule=pii.email", UriKind.Relative));
            Assert.NotEmpty(events!["events"]!.AsArray());
            var verify = await client.GetFromJsonAsync<JsonObject>(new Uri("v1/audit/verify", UriKind.Relative));
            Assert.True(verify!["valid"]!.GetValue<bool>(), verify.ToJsonString());

            // The erasure held: nothing of dave came back from the outbox his turn was in, and no file holds his text.
            var later = User("later");
            using (var observed = await client.PostAsJsonAsync($"v1/users/{later}/observations", new { text = "I live in Lisbon.", context = "chat" }))
            {
                Assert.Equal(HttpStatusCode.Accepted, observed.StatusCode);
            }

            await EventuallyAsync(async () => (await ListAsync(client, later)).Count > 0, "a later observation was written back", second);
            Assert.Empty(await ListAsync(client, dave));
            var export = await client.GetStringAsync(new Uri($"v1/users/{dave}/export", UriKind.Relative));
            Assert.DoesNotContain("pastry", export, StringComparison.OrdinalIgnoreCase);
            Assert.Empty(DataDirectoryScan.FilesContaining(data, "Quizzlewick"));
            Assert.Empty(DataDirectoryScan.FilesContaining(data, "pastry chef"));
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // best effort
            }
        }
    }

    private static string User(string name) => $"{name}-{Guid.NewGuid():N}"[..16];

    private static string Text(JsonNode? memory) => memory?["text"]?.GetValue<string>() ?? string.Empty;

    private static async Task<JsonObject> PostAsync(HttpClient api, string path, JsonObject body)
    {
        using var response = await api.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static Task ChatAsync(HttpClient api, string user, string text) =>
        PostAsync(api, "v1/chat/completions", new JsonObject
        {
            ["model"] = "echo",
            ["user"] = user,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
        });

    private static async Task<List<JsonNode?>> ListAsync(HttpClient api, string user)
    {
        var list = await api.GetFromJsonAsync<JsonObject>(new Uri($"v1/users/{user}/memories", UriKind.Relative));
        return list!["memories"]!.AsArray().ToList();
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what, GatewayProcess gateway)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"Not within 30 s: {what}.\n{gateway.Output}");
    }
}
