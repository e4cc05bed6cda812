using System.Text.RegularExpressions;
using Guardrails.Abstractions;
using Guardrails.Checks;
using Memory.WriteBack;

namespace Gateway.Tests.Guarding;

/// <summary>A guardrail check that runs out of its time budget fails closed, but that is the gateway being busy, not
/// the request being wrong: a request or a memory blocked only by such a check is answered 503 with
/// <c>Retry-After</c> (clients retry), one with a real finding stays a 400, and a chat turn's fact refused only by such
/// a check is retried by write-back rather than dropped.</summary>
public sealed class UnfinishedCheckTests
{
    /// <summary>A check of the blocklist family (blocked at every stage by the default policy) that "times out" on
    /// texts holding <see cref="Marker"/> (at the stages and as many times as told), and finds nothing otherwise.</summary>
    private sealed class TimingOutCheck(GuardrailStage? onlyAt, int times, string family = "blocklist") : IGuardrailCheck
    {
        public const string Marker = "Quillbrook";
        private int _left = times;

        public string Family => family;

        public int StreamWindow => 0;

        public IEnumerable<Detection> Detect(string text, CheckContext context)
        {
            if (text.Contains(Marker, StringComparison.Ordinal) && (onlyAt is null || context.Stage == onlyAt) && Interlocked.Decrement(ref _left) >= 0)
            {
                throw new RegexMatchTimeoutException();
            }

            return [];
        }
    }

    /// <summary>A blocklist check that finds <see cref="Word"/>: a real finding, blocked by the default policy.</summary>
    private sealed class WordCheck : IGuardrailCheck
    {
        public const string Word = "Zorbulax";

        public string Family => "blocklist";

        public int StreamWindow => 0;

        public IEnumerable<Detection> Detect(string text, CheckContext context)
        {
            var at = text.IndexOf(Word, StringComparison.Ordinal);
            return at < 0 ? [] : [new Detection("blocklist.test", at, Word.Length, "[REDACTED]")];
        }
    }

    private static Task<TestGateway> StartAsync(GuardrailStage? onlyAt = null, int times = int.MaxValue, Dictionary<string, string?>? settings = null) =>
        TestGateway.StartAsync(settings ?? new Dictionary<string, string?> { ["Upstream:BaseUrl"] = "echo:" }, b =>
        {
            b.Services.AddSingleton<IGuardrailCheck>(new TimingOutCheck(onlyAt, times));
            b.Services.AddSingleton<IGuardrailCheck>(new WordCheck());
        });

    [Fact]
    public async Task A_chat_blocked_only_by_a_check_that_ran_out_of_time_is_a_503_to_retry()
    {
        await using var gateway = await StartAsync();

        using var response = await gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(
            $$"""{"model":"echo","messages":[{"role":"user","content":"I walked to {{TimingOutCheck.Marker}} today."}]}"""));

        var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("guardrail_timeout", error["code"]!.GetValue<string>());
        Assert.Equal("server_error", error["type"]!.GetValue<string>());
        Assert.Equal("1", Assert.Single(response.Headers.GetValues("Retry-After")));
    }

    [Fact]
    public async Task A_real_finding_beside_a_check_that_ran_out_of_time_is_still_a_400()
    {
        await using var gateway = await StartAsync();

        using var response = await gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(
            $$"""{"model":"echo","messages":[{"role":"user","content":"Say {{WordCheck.Word}} near {{TimingOutCheck.Marker}}."}]}"""));

        var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("content_blocked", error["code"]!.GetValue<string>());
        Assert.Contains("blocklist.test", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_direct_write_refused_only_by_a_check_that_ran_out_of_time_is_a_503_and_stores_nothing()
    {
        await using var gateway = await StartAsync(GuardrailStage.Memory);

        using var response = await gateway.Client.PostAsync("v1/users/retry-user/memories", HttpAssert.Json(
            $$"""{"memories":[{"text":"I grew up in {{TimingOutCheck.Marker}}."}]}"""));

        var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("guardrail_timeout", error["code"]!.GetValue<string>());
        Assert.True(response.Headers.Contains("Retry-After"));
        var list = JsonNode.Parse(await gateway.Client.GetStringAsync("v1/users/retry-user/memories"))!;
        Assert.Empty(list["memories"]!.AsArray());
    }

    [Fact]
    public async Task A_memory_a_redacting_check_ran_out_of_time_on_is_not_stored_as_redacted_text()
    {
        // memory: pii: redact. A pii check that runs out of time would redact the whole text: "[REDACTED]" stored.
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstream:BaseUrl"] = "echo:" },
            b => b.Services.AddSingleton<IGuardrailCheck>(new TimingOutCheck(GuardrailStage.Memory, int.MaxValue, "pii")));

        using var response = await gateway.Client.PostAsync("v1/users/redact-user/memories", HttpAssert.Json(
            $$"""{"memories":[{"text":"I grew up in {{TimingOutCheck.Marker}}."}]}"""));

        var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("guardrail_timeout", error["code"]!.GetValue<string>());
        var list = JsonNode.Parse(await gateway.Client.GetStringAsync("v1/users/redact-user/memories"))!;
        Assert.Empty(list["memories"]!.AsArray());
    }

    [Fact]
    public async Task A_request_or_observation_a_redacting_check_ran_out_of_time_on_is_a_503_not_sent_as_redacted_text()
    {
        // input: secret: redact. A secret check that runs out of time redacts the whole text: "[SECRET]" would go upstream
        // and an observation would be queued as "[SECRET]" (accepted, its facts lost).
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstream:BaseUrl"] = "echo:" },
            b => b.Services.AddSingleton<IGuardrailCheck>(new TimingOutCheck(GuardrailStage.Input, int.MaxValue, "secret")));

        using (var chat = await gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(
                   $$"""{"model":"echo","messages":[{"role":"user","content":"I walked to {{TimingOutCheck.Marker}} today."}]}""")))
        {
            var error = await HttpAssert.OpenAIErrorAsync(chat, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("guardrail_timeout", error["code"]!.GetValue<string>());
        }

        using (var observed = await gateway.Client.PostAsync("v1/users/obs-user/observations", HttpAssert.Json(
                   $$"""{"text":"I grew up in {{TimingOutCheck.Marker}}.","context":"docs"}""")))
        {
            var error = await HttpAssert.OpenAIErrorAsync(observed, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("guardrail_timeout", error["code"]!.GetValue<string>());
        }

        await HttpAssert.PostOkAsync(gateway.Client, "v1/chat/completions", """{"model":"echo","messages":[{"role":"user","content":"Hello there."}]}""");
    }

    [Fact]
    public async Task A_chat_turns_fact_refused_only_by_a_check_that_ran_out_of_time_is_retried_not_dropped()
    {
        // The memory-stage check runs out of time on the first try only; the worker's retry comes after a short back-off.
        await using var gateway = await StartAsync(GuardrailStage.Memory, times: 1, new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = "echo:",
            ["Memory:WriteBack:InitialBackoff"] = "00:00:00.2",
            ["Memory:WriteBack:PollInterval"] = "00:00:00.1",
        });

        using var response = await gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(
            $$"""{"model":"echo","user":"turn-user","messages":[{"role":"user","content":"I live in {{TimingOutCheck.Marker}}."}]}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        string[] texts = [];
        while (DateTime.UtcNow < deadline)
        {
            using (var idle = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                await gateway.Services.GetRequiredService<IWriteBackMonitor>().WhenIdleAsync(idle.Token);
            }

            var list = JsonNode.Parse(await gateway.Client.GetStringAsync("v1/users/turn-user/memories"))!;
            texts = [.. list["memories"]!.AsArray().Select(m => m!["text"]!.GetValue<string>())];
            if (texts.Length > 0)
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.Contains(texts, t => t.Contains(TimingOutCheck.Marker, StringComparison.Ordinal));
    }
}
