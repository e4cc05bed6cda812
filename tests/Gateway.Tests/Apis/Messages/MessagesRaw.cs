namespace Gateway.Tests.Apis.Messages;

/// <summary>Raw <c>/v1/messages</c> calls (for the wire shapes the SDK hides) and the events of a Messages stream.</summary>
public static class MessagesRaw
{
    public static async Task<HttpResponseMessage> PostAsync(TestGateway gateway, string body, string? context = null, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = HttpAssert.Json(body) };
        request.Headers.Add("anthropic-version", "2023-06-01");
        if (context is not null)
        {
            request.Headers.Add("X-Memory-Context", context);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("x-api-key", apiKey);
        }

        return await gateway.Client.SendAsync(request);
    }

    /// <summary>The (event name, data) pairs of a Messages stream, checking each data's type repeats its event line.</summary>
    public static List<(string Name, JsonObject Data)> Events(string stream)
    {
        var events = new List<(string, JsonObject)>();
        foreach (var block in stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n');
            Assert.StartsWith("event: ", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("data: ", lines[1], StringComparison.Ordinal);
            var name = lines[0]["event: ".Length..];
            var data = (JsonObject)JsonNode.Parse(lines[1]["data: ".Length..])!;
            Assert.Equal(name, data["type"]!.GetValue<string>());
            events.Add((name, data));
        }

        return events;
    }

    public static string Text(List<(string Name, JsonObject Data)> events) =>
        string.Concat(events.Where(e => e.Name == "content_block_delta" && e.Data["delta"]!["type"]!.GetValue<string>() == "text_delta")
            .Select(e => e.Data["delta"]!["text"]!.GetValue<string>()));

    public static string InputJson(List<(string Name, JsonObject Data)> events) =>
        string.Concat(events.Where(e => e.Name == "content_block_delta" && e.Data["delta"]!["type"]!.GetValue<string>() == "input_json_delta")
            .Select(e => e.Data["delta"]!["partial_json"]!.GetValue<string>()));
}
