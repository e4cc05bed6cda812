using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Anthropic.Models.Messages;
using Microsoft.ML.Tokenizers;

namespace Gateway.Tests.Apis.Messages;

/// <summary><c>POST /v1/messages/count_tokens</c>: the tokens of the prompt a Messages call would send, the end
/// user's memory included, counted as the gateway budgets them (cl100k for a model it does not know), without calling
/// the upstream.</summary>
public sealed class MessagesCountTokensTests(MessagesFixture fixture) : IClassFixture<MessagesFixture>
{
    /// <summary>How far two renderings of one system message may differ: each has its own time and its own canary
    /// (12 random hex digits, written at both ends of the memory block: 4 to 9 tokens each time).</summary>
    private const int Seams = 12;

    private static readonly Tokenizer Cl100k = TiktokenTokenizer.CreateForEncoding("cl100k_base");

    /// <summary>OpenAI's framing: 4 tokens a message beside its text, 3 to prime the reply.</summary>
    private static int Expected(params string[] texts) => texts.Sum(t => 4 + Cl100k.CountTokens(t)) + 3;

    [Fact]
    public async Task The_sdk_counts_a_body_without_a_user_as_its_messages_and_the_upstream_is_not_called()
    {
        var client = AnthropicSdk.Client(fixture.ChatGateway);
        var before = fixture.ChatUpstream.Requests.Count;

        var count = await client.Messages.CountTokens(new MessageCountTokensParams
        {
            Model = "fake-model",
            System = "be brief count-test",
            Messages = [new UserMessageParam("How many tokens is this question worth?")],
        });

        Assert.Equal(Expected("be brief count-test", "How many tokens is this question worth?"), count.InputTokens);
        Assert.Equal(before, fixture.ChatUpstream.Requests.Count);
    }

    [Fact]
    public async Task The_end_users_memory_is_counted_as_the_preview_shows_it()
    {
        const string user = "count-tokens-user";
        using (var write = await fixture.ChatGateway.Client.PostAsJsonAsync($"v1/users/{user}/memories", new
        {
            memories = new[] { new { text = "The user's favourite tea is smoky lapsang souchong." }, new { text = "The user lives in Tromsø." } },
        }))
        {
            Assert.True(write.IsSuccessStatusCode);
        }

        const string question = "Which tea should I bring to my trip?";
        var plain = await CountAsync(new JsonObject { ["model"] = "fake-model", ["messages"] = Messages(question) });
        var personal = await CountAsync(new JsonObject
        {
            ["model"] = "fake-model",
            ["metadata"] = new JsonObject { ["user_id"] = user },
            ["messages"] = Messages(question),
        });
        var byHeader = await CountAsync(new JsonObject { ["model"] = "fake-model", ["messages"] = Messages(question) }, user);

        using var preview = await fixture.ChatGateway.Client.PostAsJsonAsync("v1/prompts/preview", new JsonObject
        {
            ["model"] = "fake-model",
            ["user"] = user,
            ["messages"] = Messages(question),
        });
        var sent = (await preview.Content.ReadFromJsonAsync<JsonObject>())!["messages"]!.AsArray();
        Assert.Contains("lapsang", sent.ToJsonString(), StringComparison.Ordinal);

        Assert.Equal(Expected(question), plain);
        var expected = Expected(sent.Select(m => m!["content"]!.GetValue<string>()).ToArray());
        Assert.InRange(personal, expected - Seams, expected + Seams);
        Assert.InRange(byHeader, personal - Seams, personal + Seams);
        Assert.True(personal > plain + 10, $"memory adds tokens: {plain} -> {personal}");
    }

    [Fact]
    public async Task Tools_are_counted()
    {
        var body = new JsonObject { ["model"] = "fake-model", ["messages"] = Messages("weather?") };
        var without = await CountAsync(body);
        body["tools"] = new JsonArray(new JsonObject
        {
            ["name"] = "get_weather",
            ["description"] = "Weather for a city",
            ["input_schema"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["city"] = new JsonObject { ["type"] = "string" } } },
        });

        Assert.True(await CountAsync(body) > without + 10);
    }

    [Theory]
    [InlineData("""{"model":"fake-model"}""", "messages")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""", "model")]
    [InlineData("""{"model":"fake-model","max_tokens":0,"messages":[{"role":"user","content":"hi"}]}""", "max_tokens")]
    [InlineData("""{"model":"fake-model","messages":[{"role":"user","content":"hi"}""", "JSON")]
    public async Task A_bad_body_is_a_400_in_anthropics_shape(string body, string named)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await fixture.ChatGateway.Client.PostAsync("v1/messages/count_tokens", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("error", error["type"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", error["error"]!["type"]!.GetValue<string>());
        Assert.Contains(named, error["error"]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    private static JsonArray Messages(string question) => new(new JsonObject { ["role"] = "user", ["content"] = question });

    private async Task<int> CountAsync(JsonObject body, string? userHeader = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages/count_tokens") { Content = JsonContent.Create(body) };
        if (userHeader is not null)
        {
            request.Headers.Add("X-User-Id", userHeader);
        }

        using var response = await fixture.ChatGateway.Client.SendAsync(request);
        var json = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.IsSuccessStatusCode, json.ToJsonString());
        return json["input_tokens"]!.GetValue<int>();
    }
}
