using System.ClientModel;
using OpenAI.Responses;
using TestDoubles.OpenAI;

namespace Gateway.Tests.Apis.Responses;

/// <summary>Issue 17.3: fallback across upstreams of different kinds. A chat upstream first, a Responses upstream as
/// its fallback: a failing chat upstream hands the call to the Responses one, and a call only a Responses upstream
/// can carry skips the chat one instead of being refused.</summary>
public sealed class ResponsesFallbackTests : IAsyncLifetime
{
    private FakeOpenAIUpstream _chat = null!;
    private FakeResponsesUpstream _responses = null!;
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _chat = await FakeOpenAIUpstream.StartAsync();
        _responses = await FakeResponsesUpstream.StartAsync();
        _gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:Name"] = "local-chat",
            ["Upstream:BaseUrl"] = _chat.BaseUrl,
            ["Upstream:MaxRetries"] = "0",
            ["Upstream:Fallbacks:0:Name"] = "openai-responses",
            ["Upstream:Fallbacks:0:BaseUrl"] = _responses.BaseUrl,
            ["Upstream:Fallbacks:0:Kind"] = "responses",
            ["Upstream:Fallbacks:0:MaxRetries"] = "0",
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _responses.DisposeAsync();
        await _chat.DisposeAsync();
    }

    [Fact]
    public async Task A_failing_chat_upstream_falls_back_to_the_responses_upstream()
    {
        _chat.Enqueue(new FakeReply { FailStatus = 503 });
        var client = SdkClients.Client(_gateway).GetResponsesClient();

        ClientResult<ResponseResult> result = await client.CreateResponseAsync(
            new CreateResponseOptions("fake-model", [ResponseItem.CreateUserMessageItem("Hi [[reply:From the fallback.]]")]) { Instructions = "Be brief." });

        Assert.Equal("From the fallback.", result.Value.GetOutputText());
        Assert.Single(_chat.ChatRequests);
        Assert.Equal("Be brief.", (string?)Assert.Single(_responses.ResponsesRequests).Json!["instructions"]);
    }

    [Fact]
    public async Task A_stored_conversation_skips_the_chat_upstream_for_the_responses_one()
    {
        using var first = await _gateway.Client.PostAsync("v1/responses", HttpAssert.Json(
            """{"model":"fake-model","input":"start [[reply:Started.]]","store":true}"""));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstId = (string)JsonNode.Parse(await first.Content.ReadAsStringAsync())!["id"]!;
        Assert.Single(_responses.ResponsesRequests);
        var upstreamId = firstId[..firstId.LastIndexOf('_')];

        using var response = await _gateway.Client.PostAsync("v1/responses", HttpAssert.Json(
            $$"""{"model":"fake-model","input":"and then? [[reply:Continued.]]","store":true,"previous_response_id":"{{firstId}}"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_chat.ChatRequests);
        var sent = _responses.ResponsesRequests.Last().Json!;
        Assert.Equal((true, upstreamId), ((bool)sent["store"]!, (string?)sent["previous_response_id"]));
        Assert.StartsWith("resp_fake_", upstreamId, StringComparison.Ordinal);
    }
}
