using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using Gateway.Tests.Proxy;

namespace Gateway.Tests.Contract;

/// <summary>How a request body may arrive: with a UTF-8 byte order mark (every API reads it as the memory API always
/// did), compressed (<c>Content-Encoding</c> gzip, br or deflate, read decompressed, the body limit counted on the
/// decompressed bytes so a small bomb is a 413), or in an encoding the gateway cannot read (415 in the API's error
/// shape, naming what it takes).</summary>
public sealed class BodyEncodingTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    public static TheoryData<string, string> Bodies() => new()
    {
        { "v1/chat/completions", """{"model":"fake-model","user":"bom-user","messages":[{"role":"user","content":"hi"}]}""" },
        { "v1/responses", """{"model":"fake-model","user":"bom-user","input":"hi"}""" },
        { "v1/messages", """{"model":"fake-model","max_tokens":16,"metadata":{"user_id":"bom-user"},"messages":[{"role":"user","content":"hi"}]}""" },
        { "v1/messages/count_tokens", """{"model":"fake-model","messages":[{"role":"user","content":"hi"}]}""" },
        { "v1/prompts/preview", """{"model":"fake-model","user":"bom-user","messages":[{"role":"user","content":"hi"}]}""" },
        { "v1/users/bom-user/memories", """{"memories":[{"text":"The user keeps bees on the roof."}]}""" },
        { "v1/users/bom-user/memories/search", """{"query":"bees"}""" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_body_starting_with_a_UTF8_byte_order_mark_is_read_by_every_API(string path, string json)
    {
        using var content = Content([.. Bom, .. Encoding.UTF8.GetBytes(json)]);

        using var response = await fixture.Gateway.Client.PostAsync(path, content);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_gzip_body_is_read_decompressed_by_every_API(string path, string json)
    {
        using var content = Content(Compress("gzip", Encoding.UTF8.GetBytes(json)), "gzip");

        using var response = await fixture.Gateway.Client.PostAsync(path, content);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("deflate")]
    [InlineData("GZIP")]
    public async Task Each_supported_content_encoding_reaches_the_upstream_as_the_plain_request(string encoding)
    {
        var marker = "encoded-" + encoding;
        var json = $$"""{"model":"fake-model","messages":[{"role":"user","content":"{{marker}}"}]}""";
        using var content = Content(Compress(encoding.ToLowerInvariant(), Encoding.UTF8.GetBytes(json)), encoding);

        using var response = await fixture.Gateway.Client.PostAsync("v1/chat/completions", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(fixture.Upstream.ChatRequests, r => r.RawBody.Contains(marker, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("v1/chat/completions")]
    [InlineData("v1/users/bomb-user/memories")]
    [InlineData("v1/messages")]
    public async Task A_compressed_body_over_the_limit_once_decompressed_is_a_413(string path)
    {
        // 8 MB of spaces inside a JSON string compress to a few kilobytes: under the 64 KB limit on the wire, far over it
        // decompressed.
        var pad = new string(' ', 8 << 20);
        var json = Encoding.UTF8.GetBytes(path.Contains("memories", StringComparison.Ordinal)
            ? "{\"memories\":[{\"text\":\"" + pad + "\"}]}"
            : "{\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":\"" + pad + "\"}]}");
        var compressed = Compress("gzip", json);
        Assert.True(compressed.Length < 65536);
        using var content = Content(compressed, "gzip");

        using var response = await fixture.Gateway.Client.PostAsync(path, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(body["error"]);
    }

    [Theory]
    [InlineData("gzip", "v1/chat/completions")]
    [InlineData("br", "v1/chat/completions")]
    [InlineData("deflate", "v1/users/broken-user/memories")]
    [InlineData("gzip", "v1/messages")]
    public async Task A_body_that_is_not_what_its_content_encoding_says_is_a_400(string encoding, string path)
    {
        using var content = Content("""{"model":"fake-model","messages":[]}"""u8.ToArray(), encoding);

        using var response = await fixture.Gateway.Client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        Assert.Contains(encoding, (string?)JsonNode.Parse(text)!["error"]!["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zstd", "v1/chat/completions")]
    [InlineData("compress", "v1/users/zstd-user/memories")]
    [InlineData("gzip, br", "v1/chat/completions")]
    [InlineData("x-frobnicate", "v1/responses")]
    public async Task An_unsupported_content_encoding_is_a_415_naming_the_supported_ones(string encoding, string path)
    {
        using var content = Content("""{"model":"fake-model","messages":[{"role":"user","content":"hi"}]}"""u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);

        using var response = await fixture.Gateway.Client.PostAsync(path, content);

        var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("unsupported_content_encoding", (string?)error["code"]);
        Assert.Contains("gzip", response.Headers.TryGetValues("Accept-Encoding", out var accepted) ? string.Join(",", accepted) : "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsupported_content_encoding_on_messages_is_a_415_in_Anthropics_shape()
    {
        using var content = Content("""{"model":"fake-model","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"""u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Encoding", "zstd");

        using var response = await fixture.Gateway.Client.PostAsync("v1/messages", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("error", (string?)body["type"]);
        Assert.Equal("invalid_request_error", (string?)body["error"]!["type"]);
    }

    [Fact]
    public async Task Content_encoding_identity_is_the_plain_body()
    {
        using var content = Content("""{"model":"fake-model","messages":[{"role":"user","content":"hi"}]}"""u8.ToArray(), "identity");

        using var response = await fixture.Gateway.Client.PostAsync("v1/chat/completions", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static ByteArrayContent Content(byte[] bytes, string? encoding = null)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (encoding is not null)
        {
            content.Headers.ContentEncoding.Add(encoding);
        }

        return content;
    }

    private static byte[] Compress(string encoding, byte[] plain)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true),
            "br" => new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true),
            // HTTP's "deflate" is the zlib format (RFC 9110 8.4.1.2).
            _ => new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true),
        })
        {
            compressor.Write(plain);
        }

        return output.ToArray();
    }
}
