using System.Globalization;
using System.Net.Http.Json;

namespace Gateway.Tests.Robustness;

/// <summary>No input gets a 500, read from the other side: valid requests of every API (chat, Responses, Messages,
/// the memory, user, prompt and audit APIs), each field then replaced by a value of another shape, removed, or joined
/// by a stray one (fixed seed; <c>GATEWAY_FUZZ_SEED</c> replays another). Random documents (<see
/// cref="NoServerErrorTests"/>) rarely get past the first field check; mutations of a valid request reach the code
/// that reads nested fields (a <c>text.format</c> that is a string once got a 500 this way).</summary>
public sealed class MutatedRequestTests
{
    private const int MutationsPerRequest = 40;

    private static readonly Func<Random, JsonNode?>[] Values =
    [
        _ => null, _ => true, _ => false, _ => 0, _ => -1, _ => 1e308, _ => long.MaxValue, _ => 1.5,
        _ => "", _ => "x", _ => new string('a', 3000), _ => "\u0000", _ => "\u2028", _ => "2024-13-45T99:99:99Z",
        _ => "1970-01-01T00:00:00Z", _ => "-1", _ => "text", _ => "function", _ => "json_schema",
        _ => new JsonArray(), _ => new JsonObject(), _ => new JsonArray(1, "x"), _ => new JsonObject { ["type"] = "text" },
        r => new JsonArray(new JsonArray(new JsonArray(Value(r, 3)))),
        r => new JsonObject { ["type"] = Value(r, 3), ["text"] = Value(r, 3), ["content"] = Value(r, 3) },
    ];

    private static readonly string[] StrayFields = ["stream", "user", "tools", "tool_choice", "n", "limit", "type", "format", "input", "metadata"];

    [Fact]
    public async Task Mutations_of_valid_requests_never_get_a_server_error()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("GATEWAY_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 20261205;
        var random = new Random(seed);
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstream:BaseUrl"] = "echo:" });
        using (var written = await gateway.Client.PostAsync("v1/users/fuzz/memories", HttpAssert.Json("""{"memories":[{"text":"I like green tea."}]}""")))
        {
            written.EnsureSuccessStatusCode();
        }

        var memoryId = (await gateway.Client.GetFromJsonAsync<JsonObject>("v1/users/fuzz/memories"))!["memories"]![0]!["id"]!.GetValue<string>();
        var failures = new List<string>();
        var sent = 0;
        foreach (var (method, path, json) in ValidRequests(memoryId))
        {
            for (var i = 0; i < MutationsPerRequest; i++)
            {
                var body = Mutate(JsonNode.Parse(json), random)?.ToJsonString() ?? "null";
                sent++;
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = HttpAssert.Json(body) };
                using var response = await gateway.Client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{(int)response.StatusCode} {method} /{path} body={Clip(body)} -> {Clip(text)}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} of {sent} requests got a server error:\n" + string.Join("\n", failures.Take(20)));
    }

    /// <summary>One valid request per shape the contract accepts, with the nested fields each API reads.</summary>
    private static IEnumerable<(string Method, string Path, string Json)> ValidRequests(string memoryId) =>
    [
        ("POST", "v1/chat/completions", """{"model":"echo","user":"fuzz","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":[{"type":"text","text":"hi"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c1","content":"done"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],"tool_choice":"auto","response_format":{"type":"json_schema","json_schema":{"name":"s","schema":{"type":"object"}}},"logprobs":true,"top_logprobs":2}"""),
        ("POST", "v1/chat/completions", """{"model":"echo","user":"fuzz","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hello"}],"tool_choice":"required","tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]}"""),
        ("POST", "v1/responses", """{"model":"echo","user":"fuzz","instructions":"Be brief.","input":[{"role":"user","content":[{"type":"input_text","text":"hi"}]},{"type":"function_call","call_id":"c1","name":"f","arguments":"{}"},{"type":"function_call_output","call_id":"c1","output":"done"}],"tools":[{"type":"function","name":"f","parameters":{"type":"object"}}],"tool_choice":"auto","text":{"format":{"type":"json_schema","name":"s","schema":{"type":"object"}}},"max_output_tokens":50,"metadata":{"a":"b"}}"""),
        ("POST", "v1/responses", """{"model":"echo","input":"hi","stream":true,"safety_identifier":"fuzz"}"""),
        ("POST", "v1/messages", """{"model":"echo","max_tokens":50,"system":[{"type":"text","text":"Be brief."}],"metadata":{"user_id":"fuzz"},"messages":[{"role":"user","content":[{"type":"text","text":"hi"}]},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"done"}]}],"tools":[{"name":"f","input_schema":{"type":"object"}}],"tool_choice":{"type":"auto"},"stop_sequences":["END"]}"""),
        ("POST", "v1/messages", """{"model":"echo","max_tokens":50,"stream":true,"messages":[{"role":"user","content":"hi"}]}"""),
        ("POST", "v1/users/fuzz/memories", """{"memories":[{"text":"I live in Oslo.","context":"chat","confidence":0.8,"occurredAt":"2024-01-01T00:00:00Z","sources":["s1"],"metadata":{"k":"v"}}]}"""),
        ("POST", "v1/users/fuzz/memories/search", """{"query":"where do I live","limit":5,"contexts":["chat"],"minConfidence":0.1,"maxAgeDays":30,"includeSuperseded":true}"""),
        ("POST", "v1/users/fuzz/observations", """{"text":"I moved to Bergen.","context":"docs","occurredAt":"2024-02-01T00:00:00Z","sources":["doc-1"]}"""),
        ("PATCH", $"v1/users/fuzz/memories/{memoryId}", """{"text":"I like black tea.","confidence":0.9,"metadata":{"k":"v"}}"""),
        ("PUT", "v1/users/fuzz-consent/consent", """{"memory":true}"""),
        ("POST", "v1/prompts/preview", """{"model":"echo","user":"fuzz","messages":[{"role":"user","content":"hi"}]}"""),
        ("POST", "v1/audit/events/1/verdict", """{"verdict":"true_positive","note":"checked"}"""),
    ];

    private static JsonNode? Mutate(JsonNode? node, Random random)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var roll = random.NextDouble();
                    if (roll < 0.2)
                    {
                        obj[key] = Value(random, 0);
                    }
                    else if (roll < 0.28)
                    {
                        obj.Remove(key);
                    }
                    else
                    {
                        obj[key] = Mutate(obj[key]?.DeepClone(), random);
                    }
                }

                if (random.NextDouble() < 0.1)
                {
                    obj[StrayFields[random.Next(StrayFields.Length)]] = Value(random, 0);
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = random.NextDouble() < 0.2 ? Value(random, 0) : Mutate(array[i]?.DeepClone(), random);
                }

                return array;
            default:
                return node;
        }
    }

    private static JsonNode? Value(Random random, int depth) =>
        Values[random.Next(depth >= 3 ? 23 : Values.Length)](random);

    private static string Clip(string s) => s.Length <= 300 ? s : s[..300] + "...";
}
