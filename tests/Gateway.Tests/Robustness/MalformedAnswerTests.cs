using System.Text;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Robustness;

/// <summary>An upstream whose answer is well-formed JSON of the wrong shapes (a choice, message, delta or logprob
/// entry that is not an object) never gets the app a 500, on any API, plain or streamed, with write-back on: the
/// gateway's readers treat a member of a non-object as absent.</summary>
public sealed class MalformedAnswerTests
{
    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        string[] plain =
        [
            """{"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[5]}""",
            """{"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":"hello","finish_reason":"stop"}]}""",
            """{"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"logprobs":{"content":[7,"x"]},"finish_reason":"stop"}]}""",
            """{"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"logprobs":[1],"finish_reason":"stop"}],"usage":[]}""",
        ];
        string[] streamed =
        [
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":\"hi\",\"finish_reason\":null}]}\n\ndata: [DONE]\n\n",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[[1]]}\n\ndata: [DONE]\n\n",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},\"logprobs\":{\"content\":[\"x\"]},\"finish_reason\":null}]}\n\ndata: [DONE]\n\n",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":\"f\"}]},\"finish_reason\":null}]}\n\ndata: [DONE]\n\n",
        ];
        foreach (var api in new[] { "chat", "messages", "responses" })
        {
            foreach (var body in plain)
            {
                data.Add(api, body, false);
            }

            foreach (var body in streamed)
            {
                data.Add(api, body, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_answer_of_the_wrong_shapes_is_never_a_server_error(string api, string answer, bool stream)
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.DefaultReply = new FakeReply
        {
            Write = async (response, ct) =>
            {
                response.StatusCode = 200;
                response.ContentType = stream ? "text/event-stream" : "application/json";
                await response.Body.WriteAsync(Encoding.UTF8.GetBytes(answer), ct);
            },
        };
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstream:BaseUrl"] = upstream.BaseUrl });
        var (path, body) = api switch
        {
            "chat" => ("v1/chat/completions", new JsonObject
            {
                ["model"] = "fake-model",
                ["user"] = "shapes",
                ["logprobs"] = true,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
            }),
            "messages" => ("v1/messages", new JsonObject
            {
                ["model"] = "fake-model",
                ["max_tokens"] = 20,
                ["metadata"] = new JsonObject { ["user_id"] = "shapes" },
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
            }),
            _ => ("v1/responses", new JsonObject { ["model"] = "fake-model", ["user"] = "shapes", ["input"] = "hi" }),
        };
        if (stream)
        {
            body["stream"] = true;
        }

        using var response = await gateway.Client.PostAsync(path, HttpAssert.Json(body.ToJsonString()));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode < 500 || (int)response.StatusCode is 502 or 503 or 504, $"{(int)response.StatusCode}: {text}");
        Assert.DoesNotContain("internal_error", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Internal gateway error", text, StringComparison.Ordinal);
    }
}
