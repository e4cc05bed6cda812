using System.Net.Http.Headers;
using TestDoubles.OpenAI;

namespace Gateway.Tests.Apis.Responses;

/// <summary>Stored responses belong to the tenant and end user they were made for. Every tenant reaches the upstream
/// under the gateway's one key, so before this a <c>previous_response_id</c> from another tenant (or another user of
/// the same app) continued that conversation upstream, the other user's personalized prompt included. The gateway
/// now hands out sealed ids and opens only the caller's own.</summary>
public sealed class ResponseIdBindingTests : IAsyncLifetime
{
    private const string AcmeKey = "key-response-ids-acme-0001";
    private const string GlobexKey = "key-response-ids-globex-0002";
    private const string AcmeOtherAppKey = "key-response-ids-acme-other-0003";
    private const string SharedSecret = "response-id-binding-test-secret-0001";

    private FakeResponsesUpstream _upstream = null!;
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeResponsesUpstream.StartAsync();
        _gateway = await StartGatewayAsync(SharedSecret);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task The_same_tenant_and_user_continue_their_stored_response()
    {
        var id = await StoredResponseAsync(_gateway, AcmeKey, "ada");

        using var next = await RespondAsync(_gateway, AcmeKey, "ada", id, "continue-own");

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(id[..id.LastIndexOf('_')], (string?)SentWith("continue-own")["previous_response_id"]);
        Assert.Equal(id, (string?)JsonNode.Parse(await next.Content.ReadAsStringAsync())!["previous_response_id"]);
    }

    [Theory]
    [InlineData(GlobexKey, "ada")] // another tenant, even naming the same user id
    [InlineData(AcmeKey, "bob")] // another user of the same tenant
    [InlineData(AcmeKey, null)] // the same tenant with no user
    public async Task Another_tenant_or_user_cannot_continue_it(string key, string? user)
    {
        var id = await StoredResponseAsync(_gateway, AcmeKey, "ada");
        var before = _upstream.ResponsesRequests.Count();

        using var next = await RespondAsync(_gateway, key, user, id, "continue-foreign");

        await AssertNotFoundAsync(next);
        Assert.Equal(before, _upstream.ResponsesRequests.Count());
    }

    /// <summary>A call without an end user is bound to its app key: another app of the same tenant cannot continue it,
    /// while a user's conversation is the user's across the tenant's apps.</summary>
    [Fact]
    public async Task An_anonymous_response_belongs_to_its_app_key_and_a_users_to_the_user()
    {
        using (var first = await SendAsync(AcmeKey, """{"model":"fake-model","input":"anonymous start","store":true}"""))
        {
            var anonymous = (string)JsonNode.Parse(await first.Content.ReadAsStringAsync())!["id"]!;
            using var sameApp = await RespondAsync(_gateway, AcmeKey, null, anonymous, "anon-same-app");
            using var otherApp = await RespondAsync(_gateway, AcmeOtherAppKey, null, anonymous, "anon-other-app");
            Assert.Equal(HttpStatusCode.OK, sameApp.StatusCode);
            await AssertNotFoundAsync(otherApp);
        }

        var users = await StoredResponseAsync(_gateway, AcmeKey, "ada");
        using var otherAppSameUser = await RespondAsync(_gateway, AcmeOtherAppKey, "ada", users, "user-other-app");
        Assert.Equal(HttpStatusCode.OK, otherAppSameUser.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(string key, string json)
    {
        using var request = Request(key, json);
        return await _gateway.Client.SendAsync(request);
    }

    [Theory]
    [InlineData("resp_fake_1")] // the upstream's bare id, as a tenant could guess or have seen it
    [InlineData("resp_fake_1_00000000000000000000000000000000")] // a forged seal
    [InlineData("resp_")] // nothing the gateway handed out
    public async Task An_id_the_gateway_did_not_hand_out_is_not_sent_upstream(string id)
    {
        var before = _upstream.ResponsesRequests.Count();

        using var next = await RespondAsync(_gateway, AcmeKey, "ada", id, "continue-forged");

        await AssertNotFoundAsync(next);
        Assert.Equal(before, _upstream.ResponsesRequests.Count());
    }

    [Fact]
    public async Task A_previous_response_id_that_is_not_a_string_is_refused_naming_it()
    {
        using var request = Request(AcmeKey, """{"model":"fake-model","input":"x","previous_response_id":42}""");
        using var response = await _gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("previous_response_id", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"], StringComparison.Ordinal);
    }

    /// <summary>A conversation id is not the gateway's to hand out (it creates none), so it cannot be sealed to a tenant
    /// and user; before this it went upstream as sent, and any tenant naming another's conversation continued it under
    /// the gateway's key. Refused for every caller, the owner included, and nothing goes upstream.</summary>
    [Theory]
    [InlineData("\"conv_abc123\"", false)]
    [InlineData("{\"id\":\"conv_abc123\"}", false)]
    [InlineData("\"conv_abc123\"", true)]
    public async Task A_conversation_is_refused_and_never_sent_upstream(string conversation, bool stream)
    {
        var before = _upstream.ResponsesRequests.Count();

        using var response = await SendAsync(AcmeKey,
            $$"""{"model":"fake-model","input":"continue conv","user":"ada","store":true,"stream":{{(stream ? "true" : "false")}},"conversation":{{conversation}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(("conversation", "unsupported_field"), ((string?)error["param"], (string?)error["code"]));
        Assert.Equal(before, _upstream.ResponsesRequests.Count());
    }

    /// <summary>Replicas sharing <c>Guardrails:PseudonymKey</c> (as a cluster must) open each other's ids; a gateway
    /// with another secret opens none of them.</summary>
    [Fact]
    public async Task Replicas_sharing_the_secret_open_each_others_ids_and_others_do_not()
    {
        var id = await StoredResponseAsync(_gateway, AcmeKey, "ada");
        await using var replica = await StartGatewayAsync(SharedSecret);
        await using var stranger = await StartGatewayAsync("another-deployment-secret-00000002");

        using var onReplica = await RespondAsync(replica, AcmeKey, "ada", id, "continue-replica");
        using var onStranger = await RespondAsync(stranger, AcmeKey, "ada", id, "continue-stranger");

        Assert.Equal(HttpStatusCode.OK, onReplica.StatusCode);
        await AssertNotFoundAsync(onStranger);
    }

    [Fact]
    public async Task The_streamed_answer_carries_the_sealed_id_too()
    {
        using var request = Request(AcmeKey, """{"model":"fake-model","input":"stream it","user":"ada","store":true,"stream":true}""");
        using var response = await _gateway.Client.SendAsync(request);
        var events = await response.Content.ReadAsStringAsync();
        var completed = events.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal))
            .Select(l => JsonNode.Parse(l[6..])!).Single(e => (string?)e["type"] == "response.completed");
        var id = (string)completed["response"]!["id"]!;

        using var next = await RespondAsync(_gateway, AcmeKey, "ada", id, "continue-streamed");
        using var foreign = await RespondAsync(_gateway, GlobexKey, "ada", id, "continue-streamed-foreign");

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        await AssertNotFoundAsync(foreign);
    }

    private async Task<TestGateway> StartGatewayAsync(string secret) => await TestGateway.StartAsync(new Dictionary<string, string?>
    {
        ["Upstream:BaseUrl"] = _upstream.BaseUrl,
        ["Upstream:Kind"] = "responses",
        ["Upstream:MaxRetries"] = "0",
        ["Guardrails:PseudonymKey"] = secret,
        ["Auth:Keys:0:Key"] = AcmeKey,
        ["Auth:Keys:0:Id"] = "acme-app",
        ["Auth:Keys:0:Tenant"] = "acme",
        ["Auth:Keys:1:Key"] = GlobexKey,
        ["Auth:Keys:1:Id"] = "globex-app",
        ["Auth:Keys:1:Tenant"] = "globex",
        ["Auth:Keys:2:Key"] = AcmeOtherAppKey,
        ["Auth:Keys:2:Id"] = "acme-other-app",
        ["Auth:Keys:2:Tenant"] = "acme",
    });

    private static async Task<string> StoredResponseAsync(TestGateway gateway, string key, string user)
    {
        using var request = Request(key, $$"""{"model":"fake-model","input":"remember this","user":"{{user}}","store":true}""");
        using var response = await gateway.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;
        Assert.StartsWith("resp_fake_", id, StringComparison.Ordinal);
        return id;
    }

    private static async Task<HttpResponseMessage> RespondAsync(TestGateway gateway, string key, string? user, string previous, string marker)
    {
        var body = new JsonObject { ["model"] = "fake-model", ["input"] = "and then " + marker, ["store"] = true, ["previous_response_id"] = previous };
        if (user is not null)
        {
            body["user"] = user;
        }

        using var request = Request(key, body.ToJsonString());
        return await gateway.Client.SendAsync(request);
    }

    private static HttpRequestMessage Request(string key, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/responses") { Content = HttpAssert.Json(json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    private JsonObject SentWith(string marker) =>
        _upstream.ResponsesRequests.Select(r => r.Json!).Last(b => b.ToJsonString().Contains(marker, StringComparison.Ordinal));

    private static async Task AssertNotFoundAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(("previous_response_not_found", "invalid_request_error"), ((string?)error["code"], (string?)error["type"]));
    }
}
