using System.Buffers.Text;
using System.Text;
using Guardrails.Abstractions;
using Guardrails.Policies;
using Guardrails.Tests.Support;

namespace Guardrails.Tests.Streaming;

/// <summary>Issue 14.3 at the guard: matches whose start was already sent, numbers whose middle looks like a
/// word, what the guard still holds, and tool arguments under their own policy.</summary>
public sealed class StreamedSpanTests : IDisposable
{
    private readonly GuardrailsHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static Task<string> StreamAsync(IStreamingGuard guard, IEnumerable<string> chunks) => guard.DrainAsync(chunks);

    private static string[] Split(string text, int size) =>
        Enumerable.Range(0, (text.Length + size - 1) / size).Select(i => text.Substring(i * size, Math.Min(size, text.Length - (i * size)))).ToArray();

    [Fact]
    public async Task A_lowercase_iban_split_after_its_bank_code_is_redacted_like_the_whole_text()
    {
        const string text = "Pay to gb82 west 1234 5698 7654 32.";
        var whole = await _harness.Pipeline.CheckAsync(GuardrailStage.Output, text, TestPolicies.Request());

        var streamed = await StreamAsync(_harness.Pipeline.BeginStream(TestPolicies.Request()), ["Pay to gb82 west ", "1234 5698 7654 32."]);

        Assert.Equal("Pay to [IBAN].", whole.Text);
        Assert.Equal(whole.Text, streamed);
    }

    [Fact]
    public async Task A_jwt_whose_header_was_sent_before_it_could_be_recognised_has_its_remainder_redacted_and_audited()
    {
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"alg":"HS256","typ":"JWT","kid":"{{new string('k', 200)}}"}"""));
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("""{"sub":"1234567890","name":"John Doe"}"""));
        // No secret word before it ("token ..." is caught at once by the bare-value rule since the secret check learnt it).
        var text = $"Bearer-less blob {header}.{payload}.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c and the rest.";

        var streamed = await StreamAsync(_harness.Pipeline.BeginStream(TestPolicies.Request()), Split(text, 5));

        Assert.DoesNotContain(payload[..12], streamed);
        Assert.DoesNotContain("SflKxwRJ", streamed);
        Assert.EndsWith("[SECRET] and the rest.", streamed);
        var events = await _harness.Audit.QueryAsync(new() { Tenant = "tenant-a", Rule = "secret.jwt" });
        Assert.Single(events);
    }

    [Fact]
    public async Task Held_counts_what_the_guard_has_not_decided_yet()
    {
        var guard = _harness.Pipeline.BeginStream(TestPolicies.Request());

        var first = await guard.PushAsync("plain words then AKIAZ3MS");
        var second = await guard.PushAsync("JV2QWERTY7XC and more ");
        var end = await guard.CompleteAsync();

        Assert.Equal("plain words then ".Length, first.Emit.Length);
        Assert.Equal("AKIAZ3MS".Length, first.Held);
        Assert.Equal(0, second.Held);
        Assert.Equal("[SECRET] and more ", second.Emit);
        Assert.Equal(0, end.Held);
    }

    [Fact]
    public async Task Tool_arguments_have_secrets_redacted_personal_data_flagged_and_stay_json()
    {
        const string arguments = """{"to":"jane.doe@example.org","auth":{"password":"Xk9#mQ2$vLp7"},"keys":["AKIAZ3MSJV2QWERTY7XC"]}""";

        var result = await _harness.Pipeline.CheckToolArgumentsAsync(arguments, TestPolicies.Request());

        var json = System.Text.Json.Nodes.JsonNode.Parse(result.Text)!;
        Assert.Equal("jane.doe@example.org", json["to"]!.GetValue<string>());
        Assert.Equal("[SECRET]", json["auth"]!["password"]!.GetValue<string>());
        Assert.Equal("[SECRET]", json["keys"]![0]!.GetValue<string>());
        Assert.Contains(result.Findings, f => f.Rule == "pii.email" && f.Action == GuardrailAction.Flag);
    }

    [Fact]
    public async Task Tool_arguments_follow_a_policy_that_redacts_personal_data()
    {
        File.WriteAllText(Path.Combine(_harness.PoliciesDirectory, "context.tools.yaml"), "toolArguments:\n  pii: redact\n");
        var request = TestPolicies.Request() with { Context = "tools" };

        var result = await _harness.Pipeline.CheckToolArgumentsAsync("""{"to":"jane.doe@example.org"}""", request);
        var streamed = await StreamAsync(_harness.Pipeline.BeginToolArgumentsStream(request), Split("""{"to":"jane.doe@example.org"}""", 4));

        Assert.Equal("""{"to":"[EMAIL]"}""", result.Text);
        Assert.Equal("""{"to":"[EMAIL]"}""", streamed);
    }

    [Theory]
    [InlineData("toolArguments:\n  pii: retry\n", "toolArguments.pii")]
    [InlineData("toolArguments:\n  nonsense: redact\n", "toolArguments.nonsense")]
    public void A_bad_tool_arguments_policy_is_refused_naming_the_key(string yaml, string key)
    {
        Assert.Null(PolicyParser.TryParse(yaml, out var error));
        Assert.Contains(key, error);
    }
}
