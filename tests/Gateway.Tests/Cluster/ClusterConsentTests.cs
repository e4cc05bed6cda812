using System.Net.Http.Json;
using Memory.Cluster;
using Memory.Model;
using static Gateway.Tests.Cluster.ReplicaCalls;

namespace Gateway.Tests.Cluster;

/// <summary>A consent withdrawal on one replica is a barrier for write-back on every replica: a replica consolidating
/// the user's turn holds the user's write-back lease (and may have read consent before the withdrawal was stored), so
/// the withdrawal answers only once that lease is free: nothing is written after the answer.</summary>
[Collection(RedisCollection.Name)]
public sealed class ClusterConsentTests(RedisServerFixture redis)
{
    [Fact]
    public async Task A_withdrawal_on_A_answers_only_after_Bs_consolidation_lets_go_of_the_user()
    {
        await using var replicas = await TwoReplicas.StartAsync(redis);
        var user = NewUser("consent");
        await WriteAsync(replicas.A, user, "My dog is named Rexford."); // both replicas connected to Redis and Qdrant
        var leasesB = replicas.B.Services.GetRequiredService<IUserWriteLeases>();

        // B is mid-consolidation: it holds the user's write-back lease.
        var held = await leasesB.AcquireAsync(new UserKey("default", user));
        Assert.True(held.Token > 0, "a Redis lease, not the local fallback");
        var withdrawal = replicas.A.Client.PutAsJsonAsync($"v1/users/{user}/consent", new { memory = false });
        await Task.Delay(500);
        Assert.False(withdrawal.IsCompleted, "the withdrawal answered while another replica was writing the user's turn");

        await held.DisposeAsync();
        using (var answered = await withdrawal.WaitAsync(TimeSpan.FromSeconds(20)))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        var consent = await replicas.B.Client.GetFromJsonAsync<JsonObject>(new Uri($"v1/users/{user}/consent", UriKind.Relative));
        Assert.False(consent!["memory"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Granting_consent_again_does_not_wait_for_other_replicas()
    {
        await using var replicas = await TwoReplicas.StartAsync(redis);
        var user = NewUser("regrant");
        await WriteAsync(replicas.A, user, "My cat is named Tibbles.");
        var leasesB = replicas.B.Services.GetRequiredService<IUserWriteLeases>();
        await using var held = await leasesB.AcquireAsync(new UserKey("default", user));
        Assert.True(held.Token > 0);

        using var granted = await replicas.A.Client.PutAsJsonAsync($"v1/users/{user}/consent", new { memory = true })
            .WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
    }
}
