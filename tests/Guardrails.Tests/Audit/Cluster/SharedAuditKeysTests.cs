using Guardrails.Audit;
using Guardrails.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Guardrails.Tests.Audit.Cluster;

/// <summary>With shared excerpt keys (a cluster) the audit log keeps no key of its own: an erasure anywhere makes the
/// user's excerpts unreadable here, and while the keys are out of reach nothing is written in clear.</summary>
public sealed class SharedAuditKeysTests : IDisposable
{
    private readonly InMemorySharedAuditKeys _keys = new();
    private readonly GuardrailsHarness _harness;

    public SharedAuditKeysTests() => _harness = new GuardrailsHarness(services: s => s.AddSingleton<ISharedAuditKeys>(_keys));

    public void Dispose() => _harness.Dispose();

    private static AuditEntry Entry(string user, string excerpt) => new()
    {
        RequestId = "req-" + user,
        Tenant = "t1",
        UserId = user,
        Stage = "output",
        Rule = "pii.email",
        Action = "redact",
        Excerpt = excerpt,
    };

    private async Task<long> LocalKeyRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_harness.AuditDatabase};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit_user_keys";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Excerpts_are_sealed_with_the_shared_key_and_an_erasure_elsewhere_makes_them_unreadable_here()
    {
        var log = _harness.Audit;
        var id = await log.AppendAsync(Entry("alice", "alice wrote this"));
        var other = await log.AppendAsync(Entry("bob", "bob wrote this"));
        Assert.Equal("alice wrote this", (await log.GetAsync("t1", id))!.Excerpt);
        Assert.Equal((2, 0L), (_keys.Count, await LocalKeyRowsAsync()));

        Assert.Single(await log.QueryAsync(new() { Tenant = "t1", UserId = "alice" }));

        // Another replica erases alice: it destroys the shared key.
        await _keys.DeleteUserAsync("t1", ((SqliteAuditLog)log).Pseudonymize("t1", "alice"));

        var erased = (await log.GetAsync("t1", id))!;
        Assert.True(erased.ExcerptErased);
        Assert.Empty(await log.QueryAsync(new() { Tenant = "t1", UserId = "alice" }));
        Assert.Null(erased.Excerpt);
        Assert.Equal("bob wrote this", (await log.GetAsync("t1", other))!.Excerpt);
        Assert.True((await log.VerifyAsync("t1")).Valid);
    }

    [Fact]
    public async Task Without_the_shared_keys_an_event_is_recorded_without_its_excerpt_and_an_erasure_fails()
    {
        var log = _harness.Audit;
        _keys.Reachable = false;

        var id = await log.AppendAsync(Entry("carol", "carol wrote this"));

        var recorded = (await log.GetAsync("t1", id))!;
        Assert.Null(recorded.Excerpt);
        Assert.Equal("pii.email", recorded.Rule);
        Assert.True((await log.VerifyAsync("t1")).Valid);
        await Assert.ThrowsAsync<AuditKeysUnavailableException>(async () => await log.EraseUserAsync("t1", "carol"));
    }
}
