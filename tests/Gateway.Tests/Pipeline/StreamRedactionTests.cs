using System.Buffers.Text;
using System.Text;

namespace Gateway.Tests.Pipeline;

/// <summary>Issue 14.3 and 15.6: a stream redacts what the same answer redacts plain, however it is split.</summary>
public sealed class StreamRedactionTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    private FakeOpenAIUpstream Upstream => fixture.Upstream;
    private TestGateway Gateway => fixture.Gateway;

    private async Task<string> PlainContentAsync(string text)
    {
        Upstream.Enqueue(new FakeReply { Text = text });
        using var response = await Gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json("""{"model":"fake-model","messages":[{"role":"user","content":"hi"}]}"""));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return json["choices"]![0]!["message"]!["content"]!.GetValue<string>();
    }

    private async Task<string> StreamedContentAsync(params string[] chunks)
    {
        Upstream.Enqueue(Sse.Reply(chunks.Select(c => (object)Sse.Content(c)).Append(Sse.Chunk([], "stop")).ToArray()));
        return Sse.Text(await Sse.PostStreamAsync(Gateway));
    }

    [Fact]
    public async Task A_secret_split_across_chunks_is_redacted()
    {
        var streamed = await StreamedContentAsync("Use AKIAZ3", "MSJV2QWE", "RTY7XC for", " the upload.");

        Assert.Equal("Use [SECRET] for the upload.", streamed);
    }

    [Fact]
    public async Task A_lowercase_iban_split_after_its_bank_code_is_redacted_as_plain()
    {
        const string text = "Pay to gb82 west 1234 5698 7654 32.";
        var plain = await PlainContentAsync(text);
        var streamed = await StreamedContentAsync("Pay to gb82 west ", "1234 5698 7654 32.");

        Assert.DoesNotContain("5698", plain);
        Assert.Equal(plain, streamed);
    }

    [Fact]
    public async Task A_jwt_whose_header_is_longer_than_the_hold_back_has_its_payload_and_signature_redacted()
    {
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"alg":"HS256","typ":"JWT","kid":"{{new string('k', 180)}}"}"""));
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("""{"sub":"1234567890","name":"John Doe","admin":true}"""));
        const string signature = "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        var jwt = $"{header}.{payload}.{signature}";
        Assert.True(header.Length > 128);
        var text = $"Token: {jwt} done.";
        var chunks = Enumerable.Range(0, (text.Length + 6) / 7).Select(i => text.Substring(i * 7, Math.Min(7, text.Length - (i * 7)))).ToArray();

        var plain = await PlainContentAsync(text);
        var streamed = await StreamedContentAsync(chunks);

        Assert.DoesNotContain(payload, plain);
        Assert.DoesNotContain(payload[..20], streamed);
        Assert.DoesNotContain(signature, streamed);
        Assert.Contains("[SECRET]", streamed);
        Assert.EndsWith(" done.", streamed);
    }

    [Fact]
    public async Task A_private_key_mid_stream_ends_the_answer_with_content_filter()
    {
        Upstream.Enqueue(Sse.Reply(
            Sse.Content("Here it is: "),
            Sse.Content("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\n"),
            Sse.Content("aFDrBz9vFqU4yQ==\n-----END RSA PRIVATE KEY-----\n"),
            Sse.Content("and more text after."),
            Sse.Chunk([], "stop")));

        var stream = await Sse.PostStreamAsync(Gateway);

        Assert.DoesNotContain("MIIEow", stream);
        Assert.DoesNotContain("more text after", stream);
        var last = Sse.Events(stream)[^1]["choices"]![0]!;
        Assert.Equal("content_filter", last["finish_reason"]!.GetValue<string>());
        Assert.Contains("blocked by an output guardrail", last["delta"]!["content"]!.GetValue<string>());
        Assert.EndsWith("data: [DONE]\n\n", stream);
    }
}
