using Guardrails.Abstractions;
using Guardrails.Audit;
using Guardrails.Tests.Support;

namespace Guardrails.Tests.Audit;

/// <summary>One request cannot flood the audit log: events are capped per request (with one summarising event)
/// and appends are batched by a single writer, keeping every tenant's chain whole and in order.</summary>
public sealed class AuditBatchingTests : IDisposable
{
    // A generous check budget: on a loaded machine a check that overran the default second would record a
    // guardrail.error event first and take part of the request's allowance, which is not what these tests count.
    private readonly GuardrailsHarness _harness = new(settings: new Dictionary<string, string?>
    {
        ["Guardrails:MaxAuditEventsPerRequest"] = "5",
        ["Guardrails:CheckTimeoutMilliseconds"] = "60000",
    });

    public void Dispose() => _harness.Dispose();

    private static AuditEntry Entry(string tenant, string rule = "pii.email", string request = "req") => new()
    {
        RequestId = request,
        Tenant = tenant,
        UserId = "alice",
        Stage = "output",
        Rule = rule,
        Action = "redact",
        Excerpt = "mail [EMAIL] now",
    };

    private static string Emails(int count, string domain) => string.Join(", ", Enumerable.Range(0, count).Select(i => $"user{i}@{domain}.com"));

    [Fact]
    public async Task A_burst_is_committed_in_a_few_transactions_and_every_chain_stays_valid()
    {
        var log = (SqliteAuditLog)_harness.Audit;
        await log.AppendAsync(Entry("warm-up"));
        var before = log.CommittedBatches;

        var tenants = Enumerable.Range(0, 300).Select(i => i % 10 == 0 ? "quiet" : "noisy").ToList();
        var burst = tenants.Select((tenant, i) => log.AppendAsync(Entry(tenant, request: $"r{i}")).AsTask()).ToList();
        var ids = await Task.WhenAll(burst);

        // Ids are per tenant: each tenant's are 1..n, whatever batches they were committed in.
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), ids.Where((_, i) => tenants[i] == "quiet").Order());
        Assert.Equal(Enumerable.Range(1, 270).Select(i => (long)i), ids.Where((_, i) => tenants[i] == "noisy").Order());
        Assert.True(log.CommittedBatches - before < 300 / 4, $"{log.CommittedBatches - before} transactions for 300 appends");
        foreach (var tenant in new[] { "noisy", "quiet" })
        {
            var verification = await log.VerifyAsync(tenant);
            Assert.True(verification.Valid, verification.Reason);
        }

        Assert.Equal(270, (await log.VerifyAsync("noisy")).Checked);
        Assert.Equal(30, (await log.VerifyAsync("quiet")).Checked);
    }

    [Fact]
    public async Task Entries_appended_together_keep_their_order_and_link_in_sequence()
    {
        var rules = new[] { "pii.email", "pii.phone", "secret.jwt", "pii.card" };

        var ids = await _harness.Audit.AppendManyAsync(rules.Select(r => Entry("t1", r)).ToList());

        Assert.Equal(ids.Order().ToList(), ids.ToList());
        var events = (await _harness.Audit.QueryAsync(new AuditQuery { Tenant = "t1" })).OrderBy(e => e.Id).ToList();
        Assert.Equal(rules, events.Select(e => e.Rule));
        for (var i = 1; i < events.Count; i++)
        {
            Assert.Equal(events[i - 1].Hash, events[i].PrevHash);
        }
    }

    [Fact]
    public async Task A_request_records_at_most_the_cap_across_its_texts_plus_one_summary()
    {
        var request = TestPolicies.Request() with { RequestId = "flood" };

        var first = await _harness.Pipeline.CheckAsync(GuardrailStage.Output, Emails(8, "a"), request);
        var second = await _harness.Pipeline.CheckAsync(GuardrailStage.Output, Emails(3, "b"), request);
        var other = await _harness.Pipeline.CheckAsync(GuardrailStage.Output, Emails(2, "c"), TestPolicies.Request() with { RequestId = "calm" });

        Assert.DoesNotContain("@", first.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("@", second.Text, StringComparison.Ordinal);
        Assert.Equal(8, first.Findings.Count);
        var flood = await _harness.Audit.QueryAsync(new AuditQuery { Tenant = "tenant-a", RequestId = "flood" });
        Assert.True(5 == flood.Count(e => e.Rule == "pii.email"), "recorded: " + string.Join(", ", flood.Select(e => e.Rule)));
        var summary = Assert.Single(flood, e => e.Rule == "guardrail.audit_capped");
        Assert.Contains("cap of 5", summary.Excerpt, StringComparison.Ordinal);
        Assert.Equal(2, (await _harness.Audit.QueryAsync(new AuditQuery { Tenant = "tenant-a", RequestId = "calm" })).Count);
        var verification = await _harness.Audit.VerifyAsync("tenant-a");
        Assert.True(verification.Valid, verification.Reason);
        Assert.Equal(8, verification.Checked);
        Assert.Equal(2, other.Findings.Count);
    }
}
