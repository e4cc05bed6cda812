using Gateway.Upstream;

namespace Gateway.Tests.Proxy;

/// <summary><c>Upstream:ForwardUser</c>: an app that uses e-mail addresses as user ids does not hand them to the provider.
/// By default the upstream gets a keyed pseudonym per tenant in the body's <c>user</c> / <c>safety_identifier</c>
/// (Anthropic: <c>metadata.user_id</c>), and the shipped template names no user; <c>asis</c> sends the id as the app
/// did; <c>none</c> sends nothing. Every client API (chat, Responses, Messages; plain and streamed) against every
/// upstream dialect, read from what the fake upstreams received; the gateway's own memory stays keyed by the real id,
/// and the prompt preview shows what the call sends.</summary>
public sealed class UpstreamUserForwardingTests(UpstreamUserFixture fixture) : IClassFixture<UpstreamUserFixture>
{
    private const string User = "jane.doe@example.com";

    public static TheoryData<string, string, bool, string> Calls()
    {
        var data = new TheoryData<string, string, bool, string>();
        foreach (var mode in new[] { "default", "asis", "none" })
        {
            foreach (var api in new[] { "chat", "responses", "messages" })
            {
                foreach (var stream in new[] { false, true })
                {
                    foreach (var model in new[] { "gpt-fake", "resp-fake", "claude-fake" })
                    {
                        data.Add(mode, api, stream, model);
                    }
                }
            }
        }

        return data;
    }

    private static (string Path, JsonObject Body) Call(string api, string model, bool stream, string marker, string user = User) => api switch
    {
        "responses" => ("v1/responses", new JsonObject
        {
            ["model"] = model, ["user"] = user, ["stream"] = stream, ["input"] = $"{marker} hello",
        }),
        "messages" => ("v1/messages", new JsonObject
        {
            ["model"] = model, ["max_tokens"] = 50, ["stream"] = stream, ["metadata"] = new JsonObject { ["user_id"] = user },
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"{marker} hello" }),
        }),
        _ => ("v1/chat/completions", new JsonObject
        {
            ["model"] = model, ["user"] = user, ["stream"] = stream,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"{marker} hello" }),
        }),
    };

    private static string Marker() => "fwd-" + Guid.NewGuid().ToString("N")[..10];

    private async Task<string> SendAsync(TestGateway gateway, string path, JsonObject body, string? key = null, string? userHeader = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = HttpAssert.Json(body.ToJsonString()) };
        if (key is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        if (userHeader is not null)
        {
            request.Headers.Add("X-User-Id", userHeader);
        }

        using var response = await gateway.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return text;
    }

    /// <summary>The user the upstream was told of: <c>user</c> (OpenAI dialects) or <c>metadata.user_id</c> (Anthropic).</summary>
    private static string? UserField(string model, JsonObject received) =>
        model.StartsWith("claude-", StringComparison.Ordinal) ? (string?)received["metadata"]?["user_id"] : (string?)received["user"];

    private static string Pseudonym(TestGateway gateway, string tenant, string user) =>
        gateway.Services.GetRequiredService<UpstreamUserIds>().Forwarded(tenant, user)!;

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task The_upstream_gets_the_user_as_ForwardUser_says(string mode, string api, bool stream, string model)
    {
        var gateway = fixture.Gateway(mode);
        var marker = Marker();
        var (path, body) = Call(api, model, stream, marker);

        await SendAsync(gateway, path, body);

        var received = fixture.Received(model, marker);
        var raw = received.ToJsonString();
        switch (mode)
        {
            case "asis":
                Assert.Equal(User, UserField(model, received));
                Assert.Contains("You are assisting a user in the", raw, StringComparison.Ordinal);
                break;
            case "none":
                Assert.Null(UserField(model, received));
                Assert.False(received.ContainsKey("user") || received.ContainsKey("safety_identifier"), raw);
                Assert.DoesNotContain(User, raw, StringComparison.Ordinal);
                Assert.Contains("You are assisting a user in the", raw, StringComparison.Ordinal);
                break;
            default:
                var pseudonym = Pseudonym(gateway, "acme", User);
                Assert.Matches("^[0-9a-f]{32}$", pseudonym);
                Assert.Equal(pseudonym, UserField(model, received));
                Assert.DoesNotContain(User, raw, StringComparison.Ordinal);
                Assert.Contains("You are assisting a user in the", raw, StringComparison.Ordinal);
                break;
        }
    }

    [Theory]
    [InlineData("gpt-fake")]
    [InlineData("resp-fake")]
    public async Task A_responses_safety_identifier_goes_upstream_as_a_pseudonym(string model)
    {
        var gateway = fixture.Gateway("default");
        var marker = Marker();

        var answer = JsonNode.Parse(await SendAsync(gateway, "v1/responses", new JsonObject
        {
            ["model"] = model, ["safety_identifier"] = User, ["input"] = $"{marker} hello",
        }))!;

        var received = fixture.Received(model, marker);
        Assert.Equal(Pseudonym(gateway, "acme", User), (string?)received["safety_identifier"]);
        Assert.DoesNotContain(User, received.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(User, (string?)answer["safety_identifier"]); // the app's own answer echoes what it sent
    }

    [Fact]
    public async Task The_pseudonym_is_stable_and_differs_between_tenants()
    {
        var gateway = fixture.Gateway("default");
        var first = Marker();
        var second = Marker();
        var other = Marker();

        await SendAsync(gateway, "v1/chat/completions", Call("chat", "gpt-fake", false, first).Body);
        await SendAsync(gateway, "v1/messages", Call("messages", "claude-fake", false, second).Body);
        await SendAsync(gateway, "v1/chat/completions", Call("chat", "gpt-fake", false, other).Body, key: UpstreamUserFixture.KeyB);

        var acme = UserField("gpt-fake", fixture.Received("gpt-fake", first));
        Assert.Equal(acme, UserField("claude-fake", fixture.Received("claude-fake", second)));
        var globex = UserField("gpt-fake", fixture.Received("gpt-fake", other));
        Assert.Equal(Pseudonym(gateway, "globex", User), globex);
        Assert.NotEqual(acme, globex);
    }

    [Fact]
    public async Task Memory_stays_keyed_by_the_real_user_id()
    {
        var gateway = fixture.Gateway("default");
        const string user = "mem.owner@example.com";
        var marker = Marker();
        await HttpAssert.PostOkAsync(gateway.Client, $"v1/users/{Uri.EscapeDataString(user)}/memories",
            """{"memories":[{"text":"The user keeps bees on the roof"}]}""");

        var body = Call("chat", "gpt-fake", false, marker, user).Body;
        body["messages"]![0]!["content"] = $"{marker} what do I keep on my roof, bees?";
        await SendAsync(gateway, "v1/chat/completions", body);

        var raw = fixture.Received("gpt-fake", marker).ToJsonString();
        Assert.Contains("keeps bees on the roof", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(user, raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_named_only_by_the_header_is_not_added_to_the_body()
    {
        var gateway = fixture.Gateway("default");
        var marker = Marker();
        var body = Call("chat", "gpt-fake", false, marker);
        body.Body.Remove("user");

        await SendAsync(gateway, body.Path, body.Body, userHeader: User);

        var received = fixture.Received("gpt-fake", marker);
        Assert.False(received.ContainsKey("user"));
        Assert.DoesNotContain(User, received.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("asis")]
    [InlineData("none")]
    public async Task The_preview_shows_the_user_the_call_sends(string mode)
    {
        var gateway = fixture.Gateway(mode);
        var marker = Marker();
        var body = Call("chat", "gpt-fake", false, marker).Body;

        var preview = JsonNode.Parse(await SendAsync(gateway, "v1/prompts/preview", body))!;
        await SendAsync(gateway, "v1/chat/completions", body);

        var received = fixture.Received("gpt-fake", marker);
        Assert.Equal((string?)received["user"], (string?)preview["user"]);
        var sentSystem = (string)received["messages"]![0]!["content"]!;
        var previewSystem = (string)preview["messages"]![0]!["content"]!;
        var frame = sentSystem[..sentSystem.IndexOf(" The current time", StringComparison.Ordinal)];
        Assert.Equal("You are assisting a user in the chat feature.", frame);
        Assert.StartsWith(frame, previewSystem, StringComparison.Ordinal);
        if (mode != "asis")
        {
            Assert.DoesNotContain(User, preview.ToJsonString(), StringComparison.Ordinal);
        }
    }
}
