using System.Net.Sockets;
using System.Text;

namespace Gateway.Tests.Proxy;

/// <summary>An identity header sent twice names two users (or two contexts). Kestrel hands both lines over and the
/// gateway used to join them: <c>X-User-Id: alice</c> plus <c>X-User-Id: bob</c> became a third user "alice,bob",
/// remembered and injected under a name neither has. Which one the app meant cannot be told: every API refuses the
/// call in its own error shape, and nothing goes upstream.</summary>
public sealed class RepeatedIdentityHeaderTests
{
    [Theory]
    [InlineData("v1/chat/completions", """{"model":"fake-model","messages":[{"role":"user","content":"hi"}]}""", "X-User-Id")]
    [InlineData("v1/responses", """{"model":"fake-model","input":"hi"}""", "X-User-Id")]
    [InlineData("v1/messages", """{"model":"fake-model","max_tokens":9,"messages":[{"role":"user","content":"hi"}]}""", "X-User-Id")]
    [InlineData("v1/chat/completions", """{"model":"fake-model","user":"alice","messages":[{"role":"user","content":"hi"}]}""", "X-Memory-Context")]
    [InlineData("v1/prompts/preview", """{"model":"fake-model","messages":[{"role":"user","content":"hi"}]}""", "X-User-Id")]
    public async Task A_repeated_identity_header_is_a_400_and_nothing_goes_upstream(string path, string body, string header)
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstream:BaseUrl"] = upstream.BaseUrl });
        var (first, second) = header == "X-User-Id" ? ("alice", "bob") : ("chat", "docs");

        var reply = await RawPostAsync(gateway, path, body, $"{header}: {first}\r\n{header}: {second}\r\n");

        Assert.StartsWith("HTTP/1.1 400", reply, StringComparison.Ordinal);
        Assert.Contains(header + " must be sent once", reply, StringComparison.Ordinal);
        Assert.Empty(upstream.ChatRequests);

        // One line of either is served as before.
        var single = await RawPostAsync(gateway, path, body, $"{header}: {first}\r\n");
        Assert.StartsWith("HTTP/1.1 200", single, StringComparison.Ordinal);
    }

    /// <summary>A request written on the socket: HttpClient would fold repeated lines into one.</summary>
    private static async Task<string> RawPostAsync(TestGateway gateway, string path, string body, string headers)
    {
        var uri = new Uri(gateway.BaseUrl);
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"POST /{path} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: application/json\r\nanthropic-version: 2023-06-01\r\n"
            + $"{headers}Content-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        using var socket = new TcpClient();
        await socket.ConnectAsync(uri.Host, uri.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(bytes);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
