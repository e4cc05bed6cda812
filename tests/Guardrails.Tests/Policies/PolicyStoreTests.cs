using Guardrails.Abstractions;
using Guardrails.Checks;
using Guardrails.Policies;
using Guardrails.Tests.Support;

namespace Guardrails.Tests.Policies;

public sealed class PolicyStoreTests : IDisposable
{
    private readonly GuardrailsHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private PolicyStore Store => (PolicyStore)_harness.Policies;

    [Fact]
    public void The_shipped_default_redacts_pii_in_output_and_only_flags_it_on_input()
    {
        var policy = Store.Resolve(null, null);
        Assert.Equal(GuardrailAction.Redact, policy.ActionFor(GuardrailStage.Output, "pii.email"));
        Assert.Equal(GuardrailAction.Flag, policy.ActionFor(GuardrailStage.Input, "pii.email"));
        Assert.Equal(GuardrailAction.Redact, policy.ActionFor(GuardrailStage.Input, "pii.card"));
        Assert.Equal(GuardrailAction.Block, policy.ActionFor(GuardrailStage.Output, "secret.private_key"));
        Assert.Equal(GuardrailAction.Redact, policy.ActionFor(GuardrailStage.Output, "secret.jwt"));
        Assert.Equal(GuardrailAction.Block, policy.ActionFor(GuardrailStage.Memory, "injection.role_play"));
        Assert.Equal(GuardrailAction.Retry, policy.ActionFor(GuardrailStage.Output, "schema.invalid"));
        Assert.Equal(GuardrailAction.Allow, policy.ActionFor(GuardrailStage.Output, "injection.role_play"));
        Assert.All(Store.Files, f => Assert.Equal("ok", f.Status));
    }

    [Fact]
    public void Key_and_context_files_override_the_default_in_that_order()
    {
        Write("key.app1.yaml", "actions:\n  output:\n    pii.email: allow\n    pii.phone: flag\n");
        Write("context.support.yaml", "actions:\n  output:\n    pii.phone: block\nblocklists:\n  rivals: [Globex]\n");
        Store.Reload();

        var keyOnly = Store.Resolve("app1", null);
        var both = Store.Resolve("app1", "support");
        var other = Store.Resolve("app2", "chat");

        Assert.Equal(GuardrailAction.Allow, keyOnly.ActionFor(GuardrailStage.Output, "pii.email"));
        Assert.Equal(GuardrailAction.Flag, keyOnly.ActionFor(GuardrailStage.Output, "pii.phone"));
        Assert.Equal(GuardrailAction.Block, both.ActionFor(GuardrailStage.Output, "pii.phone"));
        Assert.Equal(GuardrailAction.Allow, both.ActionFor(GuardrailStage.Output, "pii.email"));
        Assert.Equal("blocklist.rivals", Assert.Single(both.Blocklists).Rule);
        Assert.Equal(GuardrailAction.Redact, other.ActionFor(GuardrailStage.Output, "pii.email"));
        Assert.Contains("key.app1@", both.Version, StringComparison.Ordinal);
        Assert.Contains("context.support@", both.Version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_edit_keeps_the_last_good_version_and_reports_the_error()
    {
        // Polling is pushed out of the way: only the file watcher (and its debounce) can notice these edits.
        using var harness = new GuardrailsHarness(settings: new Dictionary<string, string?> { ["Guardrails:PolicyPollSeconds"] = "3600" });
        var store = (PolicyStore)harness.Policies;
        void Write(string name, string yaml) => File.WriteAllText(Path.Combine(harness.PoliciesDirectory, name), yaml);
        async Task WaitForAsync(Func<bool> condition)
        {
            for (var i = 0; i < 100 && !condition(); i++)
            {
                await Task.Delay(50);
                harness.Time.Advance(TimeSpan.FromMilliseconds(300));
            }

            Assert.True(condition());
        }

        Write("key.app1.yaml", "actions:\n  output:\n    pii.email: allow\n");
        store.Reload();
        Assert.Equal(GuardrailAction.Allow, store.Resolve("app1", null).ActionFor(GuardrailStage.Output, "pii.email"));

        Write("key.app1.yaml", "actions:\n  output:\n    pii.email: obliterate\n");
        await WaitForAsync(() => store.Files.Any(f => f.Name == "key.app1" && f.Status == "error"));

        var status = store.Files.Single(f => f.Name == "key.app1");
        Assert.Contains("obliterate", status.Error, StringComparison.Ordinal);
        Assert.Equal(GuardrailAction.Allow, store.Resolve("app1", null).ActionFor(GuardrailStage.Output, "pii.email"));

        Write("key.app1.yaml", "actions:\n  output:\n    pii.email: flag\n");
        await WaitForAsync(() => store.Resolve("app1", null).ActionFor(GuardrailStage.Output, "pii.email") == GuardrailAction.Flag);
        Assert.Equal("ok", store.Files.Single(f => f.Name == "key.app1").Status);
    }

    [Fact]
    public async Task Polling_picks_up_a_change_even_without_file_notifications()
    {
        Write("context.docs.yaml", "thresholds:\n  injection: 0.9\n");
        _harness.Time.Advance(TimeSpan.FromSeconds(2));
        await WaitForAsync(() => Store.Resolve(null, "docs").Threshold("injection", 0) == 0.9);
    }

    [Theory]
    [InlineData("actions:\n  sideways:\n    pii: block\n", "unknown stage")]
    [InlineData("actions:\n  output:\n    pi.email: block\n", "unknown rule family")]
    [InlineData("actions:\n  input:\n    schema: retry\n", "only possible on output")]
    [InlineData("thresholds:\n  injection: 3\n", "out of range")]
    [InlineData("reaskMaxAttempts: 9\n", "reaskMaxAttempts")]
    [InlineData("unknownField: 1\n", "YAML error")]
    [InlineData("actions: [\n", "YAML error")]
    public void Invalid_policies_are_rejected_with_a_reason(string yaml, string reason)
    {
        Assert.Null(PolicyParser.TryParse(yaml, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Blocklist_terms_match_whole_words_only()
    {
        var policy = TestPolicies.FromYaml("blocklists:\n  rivals: [Globex, Acme Corp]\n");
        var check = new BlocklistCheck();
        Assert.Equal(["Globex", "acme   corp"], TestPolicies.Matches(check, "Globex beats acme   corp but not Globexian.", TestPolicies.Context(policy: policy)));
    }

    private void Write(string name, string yaml) => File.WriteAllText(Path.Combine(_harness.PoliciesDirectory, name), yaml);

    private async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
            _harness.Time.Advance(TimeSpan.FromMilliseconds(300));
        }

        Assert.True(condition());
    }
}
