using System.Text;
using Microsoft.AspNetCore.Http;
using Gateway.Tests.Pipeline;
using OpenAI.Chat;
using OpenAI.Responses;
using TestDoubles.OpenAI;

namespace Gateway.Tests.Apis.Responses;

/// <summary>Responses calls to an upstream that serves Responses natively: the app's own fields go as sent and the
/// upstream's response id comes back, so a stored conversation continues there.</summary>
public sealed class ResponsesOverResponsesUpstreamTests(ResponsesUpstreamFixture fixture) : ResponsesApiTests(fixture), IClassFixture<ResponsesUpstreamFixture>
{
    [Fact]
    public async Task Store_and_previous_response_id_go_to_the_upstream_and_its_response_id_comes_back()
    {
        var first = NewMarker();
        using var earlier = await Fixture.Gateway.Client.PostAsync("v1/responses", HttpAssert.Json(
            $$"""{"model":"fake-model","input":"start {{first}}","store":true}"""));
        var earlierId = (string)JsonNode.Parse(await earlier.Content.ReadAsStringAsync())!["id"]!;
        var marker = NewMarker();
        using var response = await Fixture.Gateway.Client.PostAsync("v1/responses", HttpAssert.Json(
            $$"""{"model":"fake-model","input":"again {{marker}}","store":true,"previous_response_id":"{{earlierId}}","truncation":"auto","max_output_tokens":50}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Fixture.Sent(marker);
        // The upstream gets its own id back (the gateway's seal taken off).
        var upstreamId = earlierId[..earlierId.LastIndexOf('_')];
        Assert.StartsWith("resp_fake_", upstreamId, StringComparison.Ordinal);
        Assert.Equal((true, upstreamId, "auto", 50), ((bool)sent["store"]!, (string?)sent["previous_response_id"], (string?)sent["truncation"], (int)sent["max_output_tokens"]!));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.StartsWith("resp_fake_", (string?)answer["id"], StringComparison.Ordinal);
        Assert.Equal(earlierId, (string?)answer["previous_response_id"]);
    }

    /// <summary>A chat completions app never asked the provider to store its personalized prompt (which would
    /// outlive the user's erasure there): the call goes with store: false (the isolation audit of the eighth session).</summary>
    [Fact]
    public async Task A_chat_app_call_is_sent_with_store_false()
    {
        var marker = NewMarker();
        using var response = await Fixture.Gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(
            $$"""{"model":"fake-model","user":"store-check","messages":[{"role":"user","content":"hello {{marker}}"}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((bool)Fixture.Sent(marker)["store"]!);
    }

    [Fact]
    public async Task An_upstream_response_failed_event_ends_the_stream_with_response_failed()
    {
        Fixture.Enqueue(new FakeReply
        {
            Write = async (response, ct) =>
            {
                response.StatusCode = 200;
                response.ContentType = "text/event-stream";
                var created = new JsonObject { ["id"] = "resp_up", ["object"] = "response", ["created_at"] = 1, ["status"] = "in_progress", ["model"] = "fake-model", ["output"] = new JsonArray() };
                await response.WriteAsync(FakeResponsesUpstream.Event("response.created", new JsonObject { ["sequence_number"] = 0, ["response"] = created }), ct);
                await response.WriteAsync(FakeResponsesUpstream.Event("response.output_text.delta", new JsonObject
                {
                    ["sequence_number"] = 1, ["item_id"] = "msg_1", ["output_index"] = 0, ["content_index"] = 0, ["delta"] = "Half an ans",
                }), ct);
                var failed = created.DeepClone().AsObject();
                failed["status"] = "failed";
                failed["error"] = new JsonObject { ["code"] = "server_error", ["message"] = "The model crashed." };
                await response.WriteAsync(FakeResponsesUpstream.Event("response.failed", new JsonObject { ["sequence_number"] = 2, ["response"] = failed }), ct);
            },
        });
        var options = new CreateResponseOptions("fake-model", [ResponseItem.CreateUserMessageItem("Go")]) { StreamingEnabled = true };

        var updates = new List<StreamingResponseUpdate>();
        await foreach (var update in await SdkClients.Client(Fixture.Gateway).GetResponsesClient().CreateResponseStreamingAsync(options))
        {
            updates.Add(update);
        }

        // What the output guard still held back when the upstream failed is not released (as for chat).
        Assert.StartsWith("Half an", string.Concat(updates.OfType<StreamingResponseOutputTextDeltaUpdate>().Select(u => u.Delta)), StringComparison.Ordinal);
        var end = Assert.IsType<StreamingResponseFailedUpdate>(updates[^1]);
        Assert.Contains("The model crashed.", end.Response.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chat_completions_app_is_served_by_a_responses_upstream_plain_and_streamed()
    {
        var client = SdkClients.Chat(Fixture.Gateway);
        var marker = NewMarker();

        var plain = await client.CompleteChatAsync([new SystemChatMessage("Be kind."), new UserChatMessage($"Hi {marker} [[reply:Hello from Responses.]]")]);
        Fixture.Enqueue(new FakeReply { Text = "Streamed from Responses.", ChunkSize = 4 });
        var streamed = new StringBuilder();
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Stream it")]))
        {
            streamed.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
        }

        Assert.Equal("Hello from Responses.", plain.Value.Content[0].Text);
        Assert.Equal(11, plain.Value.Usage.InputTokenCount);
        Assert.Equal("Be kind.", Fixture.InstructionsOf(Fixture.Sent(marker)));
        Assert.Equal("Streamed from Responses.", streamed.ToString());
    }
}
