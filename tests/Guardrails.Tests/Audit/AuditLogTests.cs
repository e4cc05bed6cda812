using Guardrails.Audit;
using Guardrails.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Guardrails.Tests.Audit;

public sealed class AuditLogTests : IDisposable
{
    private readonly GuardrailsHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private IAuditLog Log => _harness.Audit;

    private static AuditEntry Entry(string rule = "pii.email", string action = "redact", string? user = "alice", string tenant = "t1", string excerpt = "mail [EMAIL] now") => new()
    {
        RequestId = "req-" + Guid.NewGuid().ToString("N")[..8],
        Tenant = tenant,
        UserId = user,
        Stage = "output",
        Rule = rule,
        Action = action,
        Excerpt = excerpt,
        TemplateVersion = "chat@v1",
        KeyId = "app1",
    };

    [Fact]
    public async Task A_fresh_chain_verifies_and_every_event_links_to_the_previous()
    {
        for (var i = 0; i < 5; i++)
        {
            await Log.AppendAsync(Entry());
        }

        var verification = await Log.VerifyAsync("t1");
        Assert.True(verification.Valid);
        Assert.Equal(5, verification.Checked);
        var events = (await Log.QueryAsync(new() { Tenant = "t1" })).OrderBy(e => e.Id).ToList();
        for (var i = 1; i < events.Count; i++)
        {
            Assert.Equal(events[i - 1].Hash, events[i].PrevHash);
        }
    }

    [Theory]
    [InlineData("UPDATE audit_events SET rule = 'pii.phone' WHERE id = (SELECT MIN(id) + 1 FROM audit_events)")]
    [InlineData("UPDATE audit_events SET excerpt_cipher = zeroblob(40) WHERE id = (SELECT MIN(id) + 1 FROM audit_events)")]
    [InlineData("UPDATE audit_events SET at_ms = at_ms + 1 WHERE id = (SELECT MIN(id) + 1 FROM audit_events)")]
    [InlineData("UPDATE audit_events SET seq = seq + 10 WHERE id = (SELECT MIN(id) + 1 FROM audit_events)")]
    [InlineData("DELETE FROM audit_events WHERE id = (SELECT MIN(id) + 1 FROM audit_events)")]
    [InlineData("DELETE FROM audit_events WHERE id = (SELECT MAX(id) FROM audit_events)")]
    public async Task Editing_the_database_file_directly_breaks_verification(string tamper)
    {
        for (var i = 0; i < 4; i++)
        {
            await Log.AppendAsync(Entry());
        }

        Assert.True((await Log.VerifyAsync("t1")).Valid);
        await using (var connection = new SqliteConnection($"Data Source={_harness.AuditDatabase};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = tamper;
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var verification = await Log.VerifyAsync("t1");
        Assert.False(verification.Valid);
        Assert.NotNull(verification.FirstBrokenId);
        Assert.NotNull(verification.Reason);
    }

    [Fact]
    public async Task Erasure_makes_the_users_excerpts_unreadable_and_keeps_the_chain_valid()
    {
        await Log.AppendAsync(Entry(user: "alice", excerpt: "alice said something private"));
        await Log.AppendAsync(Entry(user: "bob", excerpt: "bob said hello"));
        await Log.AppendAsync(Entry(user: "alice", excerpt: "alice again"));

        var alicePseudonym = await Log.PseudonymOfAsync("t1", "alice");
        Assert.Equal(1, await Log.EraseUserAsync("t1", "alice"));

        var events = await Log.QueryAsync(new() { Tenant = "t1" });
        var alice = events.Where(e => e.UserId == alicePseudonym).ToList();
        Assert.Equal(2, alice.Count);
        Assert.All(alice, e => Assert.True(e.ExcerptErased));
        Assert.All(alice, e => Assert.Null(e.Excerpt));
        var bob = await Log.PseudonymOfAsync("t1", "bob");
        Assert.Equal("bob said hello", events.Single(e => e.UserId == bob).Excerpt);
        Assert.True((await Log.VerifyAsync("t1")).Valid);

        // Nothing leads from alice's id to her earlier events any more: the user id finds none of them, and the
        // pseudonym they carry is derived from the destroyed key, not from her id.
        Assert.Null(await Log.PseudonymOfAsync("t1", "alice"));
        Assert.Empty(await Log.QueryAsync(new() { Tenant = "t1", UserId = "alice" }));
        Assert.NotEqual(((SqliteAuditLog)Log).Pseudonymize("t1", "alice"), alicePseudonym);

        // Nothing readable of the erased text is left in the file.
        var bytes = await File.ReadAllBytesAsync(_harness.AuditDatabase);
        Assert.DoesNotContain("alice said", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);

        // A later event of the same user gets a fresh key and is readable again.
        await Log.AppendAsync(Entry(user: "alice", excerpt: "after erasure"));
        Assert.Equal("after erasure", Assert.Single(await Log.QueryAsync(new() { Tenant = "t1", UserId = "alice" })).Excerpt);
        Assert.NotEqual(alicePseudonym, await Log.PseudonymOfAsync("t1", "alice"));
    }

    [Fact]
    public async Task User_ids_are_stored_only_as_keyed_pseudonyms()
    {
        await Log.AppendAsync(Entry(user: "user-12345@example.com"));
        var stored = (await Log.QueryAsync(new() { Tenant = "t1" }))[0];
        Assert.Matches("^u_[0-9a-f]{32}$", stored.UserId);
        var sqlite = (SqliteAuditLog)Log;
        Assert.NotEqual(sqlite.Pseudonymize("t1", "user-12345@example.com"), sqlite.Pseudonymize("t2", "user-12345@example.com"));
        var bytes = System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(_harness.AuditDatabase));
        Assert.DoesNotContain("user-12345", bytes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Excerpts_are_redacted_again_on_write()
    {
        await Log.AppendAsync(Entry(user: null, excerpt: "card 4111 1111 1111 1111 and key AKIAZ3MSJV2QWERTY7XC"));
        var excerpt = (await Log.QueryAsync(new() { Tenant = "t1" }))[0].Excerpt;
        Assert.Equal("card [CARD] and key [SECRET]", excerpt);
    }

    [Fact]
    public async Task Queries_filter_by_time_rule_family_action_user_and_key_within_one_tenant()
    {
        await Log.AppendAsync(Entry(rule: "pii.email", action: "redact", user: "alice"));
        _harness.Time.Advance(TimeSpan.FromHours(2));
        await Log.AppendAsync(Entry(rule: "secret.jwt", action: "block", user: "bob"));
        await Log.AppendAsync(Entry(rule: "pii.card", action: "flag", user: "alice", tenant: "t2"));
        var midpoint = _harness.Time.GetUtcNow().AddHours(-1);

        Assert.Single(await Log.QueryAsync(new() { Tenant = "t1", Since = midpoint }));
        Assert.Single(await Log.QueryAsync(new() { Tenant = "t1", Until = midpoint }));
        Assert.Equal("pii.email", Assert.Single(await Log.QueryAsync(new() { Tenant = "t1", Rule = "pii" })).Rule);
        Assert.Equal("secret.jwt", Assert.Single(await Log.QueryAsync(new() { Tenant = "t1", Action = "block" })).Rule);
        Assert.Equal("pii.email", Assert.Single(await Log.QueryAsync(new() { Tenant = "t1", UserId = "alice" })).Rule);
        var pseudonym = await Log.PseudonymOfAsync("t1", "bob");
        Assert.Equal("secret.jwt", Assert.Single(await Log.QueryAsync(new() { Tenant = "t1", UserId = pseudonym })).Rule);
        Assert.Equal(2, (await Log.QueryAsync(new() { Tenant = "t1", KeyId = "app1" })).Count);
        Assert.Equal("pii.card", Assert.Single(await Log.QueryAsync(new() { Tenant = "t2" })).Rule);
        Assert.Null(await Log.GetAsync("t2", (await Log.QueryAsync(new() { Tenant = "t1" }))[0].Id));
    }

    [Fact]
    public async Task Verdicts_are_appended_without_rewriting_the_event()
    {
        var id = await Log.AppendAsync(Entry());
        var before = (await Log.GetAsync("t1", id))!.Hash;

        var verdict = await Log.AddVerdictAsync("t1", id, AuditVerdicts.FalsePositive, "example address in docs, jane@example.com");
        await Log.AddVerdictAsync("t1", id, AuditVerdicts.TruePositive, null);

        Assert.NotNull(verdict);
        Assert.Equal("example address in docs, [EMAIL]", verdict.Note);
        var after = (await Log.GetAsync("t1", id))!;
        Assert.Equal(before, after.Hash);
        Assert.Equal(AuditVerdicts.TruePositive, after.Verdict);
        var verification = await Log.VerifyAsync("t1");
        Assert.True(verification.Valid);
        Assert.Equal(2, verification.VerdictsChecked);
        Assert.Null(await Log.AddVerdictAsync("t2", id, AuditVerdicts.TruePositive, null));
        Assert.Null(await Log.AddVerdictAsync("t1", id + 100, AuditVerdicts.TruePositive, null));
        await Assert.ThrowsAsync<ArgumentException>(async () => await Log.AddVerdictAsync("t1", id, "maybe", null));
    }

    [Fact]
    public async Task Retention_prunes_the_head_and_the_chain_still_verifies()
    {
        await Log.AppendAsync(Entry());
        await Log.AppendAsync(Entry());
        _harness.Time.Advance(TimeSpan.FromDays(400));
        var kept = await Log.AppendAsync(Entry());

        Assert.Equal(2, await Log.ApplyRetentionAsync());

        var remaining = await Log.QueryAsync(new() { Tenant = "t1" });
        Assert.Equal(kept, Assert.Single(remaining).Id);
        var verification = await Log.VerifyAsync("t1");
        Assert.True(verification.Valid, verification.Reason);
        Assert.True(verification.AnchorId > 0);

        var next = await Log.AppendAsync(Entry());
        Assert.True(next > kept);
        Assert.True((await Log.VerifyAsync("t1")).Valid);
    }

    [Fact]
    public async Task After_retention_pruned_every_event_the_tenants_ids_continue_and_the_chain_verifies()
    {
        await Log.AppendAsync(Entry());
        await Log.AppendAsync(Entry());
        await Log.AppendAsync(Entry(tenant: "t2"));
        _harness.Time.Advance(TimeSpan.FromDays(400));

        Assert.Equal(3, await Log.ApplyRetentionAsync());
        Assert.Empty(await Log.QueryAsync(new() { Tenant = "t1" }));

        Assert.Equal(3, await Log.AppendAsync(Entry()));
        Assert.Equal(2, await Log.AppendAsync(Entry(tenant: "t2")));
        var verification = await Log.VerifyAsync("t1");
        Assert.True(verification.Valid, verification.Reason);
        Assert.Equal(2, verification.AnchorId);
        Assert.Equal(3, verification.HeadId);
    }

    [Fact]
    public async Task Counts_by_rule_group_events_into_time_buckets()
    {
        await Log.AppendAsync(Entry(rule: "pii.email"));
        await Log.AppendAsync(Entry(rule: "pii.email"));
        _harness.Time.Advance(TimeSpan.FromHours(1));
        await Log.AppendAsync(Entry(rule: "secret.jwt"));

        var counts = await Log.CountByRuleAsync(new() { Tenant = "t1" }, TimeSpan.FromHours(1));

        Assert.Equal(2, counts.Count);
        Assert.Equal(2, counts.Single(c => c.Rule == "pii.email").Count);
        Assert.Equal(1, counts.Single(c => c.Rule == "secret.jwt").Count);
        Assert.True(counts.Single(c => c.Rule == "secret.jwt").BucketStart > counts.Single(c => c.Rule == "pii.email").BucketStart);
    }

    [Fact]
    public async Task Export_writes_one_json_line_per_event_oldest_first()
    {
        await Log.AppendAsync(Entry(rule: "pii.email"));
        await Log.AppendAsync(Entry(rule: "pii.phone"));
        using var stream = new MemoryStream();
        await Log.ExportJsonLinesAsync(new() { Tenant = "t1" }, stream);
        var lines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var first = System.Text.Json.JsonDocument.Parse(lines[0]);
        Assert.Equal("pii.email", first.RootElement.GetProperty("rule").GetString());
        Assert.Equal(64, first.RootElement.GetProperty("hash").GetString()!.Length);
    }

    [Fact]
    public async Task Concurrent_appends_keep_one_unbroken_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Log.AppendAsync(Entry(user: $"user{i % 5}")).AsTask()));
        var verification = await Log.VerifyAsync("t1");
        Assert.True(verification.Valid, verification.Reason);
        Assert.Equal(40, verification.Checked);
    }
}
