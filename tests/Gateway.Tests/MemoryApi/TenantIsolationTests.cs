using static Gateway.Tests.MemoryApi.MemoryJson;

namespace Gateway.Tests.MemoryApi;

/// <summary>A tenant never sees another tenant's users or memories, even under the same user id; within a tenant
/// a user never sees another user's memories.</summary>
public sealed class TenantIsolationTests(TenantGatewayFixture fixture) : IClassFixture<TenantGatewayFixture>
{
    private MemoryApiClient Acme => fixture.Api.WithKey(TenantGatewayFixture.AcmeAdmin);
    private MemoryApiClient Globex => fixture.Api.WithKey(TenantGatewayFixture.GlobexAdmin);

    /// <summary>The same user id gets one memory in each tenant, each with its tenant's marker.</summary>
    private async Task<(string User, string AcmeId, string GlobexId)> SeedAsync()
    {
        var user = MemoryGatewayFixture.NewUser("sam");
        var acmeId = await Acme.AddAsync(user, NewMemory("Sam acmemarker loves sailing boats", sources: ["acme-1"]));
        var globexId = await Globex.AddAsync(user, NewMemory("Sam globexmarker loves sailing boats", sources: ["globex-1"]));
        Assert.NotEqual(acmeId, globexId);
        return (user, acmeId, globexId);
    }

    [Fact]
    public async Task The_same_user_id_in_two_tenants_lists_and_searches_only_its_own_memories()
    {
        var (user, _, _) = await SeedAsync();

        Assert.Equal(["Sam acmemarker loves sailing boats"], await Acme.TextsAsync(user));
        Assert.Equal(["Sam globexmarker loves sailing boats"], await Globex.TextsAsync(user));
        Assert.Equal(["Sam acmemarker loves sailing boats"], Texts((await Acme.SearchAsync(user, "globexmarker sailing boats")).ExpectList("results")));
        Assert.Equal(["Sam globexmarker loves sailing boats"], Texts((await Globex.SearchAsync(user, "acmemarker sailing boats")).ExpectList("results")));
    }

    [Fact]
    public async Task Another_tenants_memory_id_is_404_and_stays_untouched()
    {
        var (user, acmeId, globexId) = await SeedAsync();

        Assert.Equal("not_found", (string?)(await Acme.GetAsync(user, globexId)).ExpectError(HttpStatusCode.NotFound)["code"]);
        (await Acme.PatchAsync(user, globexId, new JsonObject { ["text"] = "hijacked" })).ExpectError(HttpStatusCode.NotFound);
        (await Acme.DeleteAsync(user, globexId)).ExpectError(HttpStatusCode.NotFound);
        (await Globex.DeleteAsync(user, acmeId)).ExpectError(HttpStatusCode.NotFound);
        Assert.Empty((await Acme.HistoryAsync(user, globexId)).ExpectList("history"));

        Assert.Equal("Sam globexmarker loves sailing boats", Text((await Globex.GetAsync(user, globexId)).Expect(HttpStatusCode.OK)));
        Assert.Equal("Sam acmemarker loves sailing boats", Text((await Acme.GetAsync(user, acmeId)).Expect(HttpStatusCode.OK)));
        Assert.Equal(["ADD"], (await Globex.HistoryAsync(user, globexId)).ExpectList("history").Select(h => (string)h!["event"]!));
    }

    [Fact]
    public async Task Export_holds_only_the_callers_tenant()
    {
        var (user, _, _) = await SeedAsync();

        var export = (await Acme.ExportAsync(user)).Expect(HttpStatusCode.OK);

        Assert.Equal(["Sam acmemarker loves sailing boats"], Texts(export["memories"]!.AsArray()));
        Assert.DoesNotContain("globexmarker", export.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(export["history"]!.AsArray());
    }

    [Fact]
    public async Task Erasure_in_one_tenant_leaves_the_other_intact()
    {
        var (user, _, globexId) = await SeedAsync();

        (await Acme.EraseAsync(user)).Expect(HttpStatusCode.OK);

        Assert.Empty(await Acme.TextsAsync(user));
        Assert.Equal(["Sam globexmarker loves sailing boats"], await Globex.TextsAsync(user));
        Assert.Equal([globexId], (await Globex.SearchAsync(user, "sailing")).ExpectList("results").Select(Id));
        Assert.Single((await Globex.ExportAsync(user)).Expect(HttpStatusCode.OK)["history"]!.AsArray());
    }

    [Fact]
    public async Task Consent_is_held_per_tenant()
    {
        var (user, _, _) = await SeedAsync();

        (await Acme.SetConsentAsync(user, false)).Expect(HttpStatusCode.OK);

        Assert.False((bool)(await Acme.GetConsentAsync(user)).Expect(HttpStatusCode.OK)["memory"]!);
        Assert.True((bool)(await Globex.GetConsentAsync(user)).Expect(HttpStatusCode.OK)["memory"]!);
        Assert.Equal("ADD", (string?)(await Globex.WriteAsync(user, NewMemory("Sam globexmarker owns a kayak"))).ExpectList("results")[0]!["event"]);
    }

    [Fact]
    public async Task Within_a_tenant_one_user_never_sees_another_users_memories()
    {
        var alice = MemoryGatewayFixture.NewUser("alice");
        var bob = MemoryGatewayFixture.NewUser("bob");
        var aliceId = await Acme.AddAsync(alice, NewMemory("Alice is vegetarian and avoids meat"));
        await Acme.AddAsync(bob, NewMemory("Bob loves steak and barbecue"));

        Assert.Equal(["Bob loves steak and barbecue"], await Acme.TextsAsync(bob));
        Assert.DoesNotContain("Alice", (await Acme.SearchAsync(bob, "vegetarian meat", limit: 10)).Text, StringComparison.Ordinal);
        (await Acme.GetAsync(bob, aliceId)).ExpectError(HttpStatusCode.NotFound);
        (await Acme.DeleteAsync(bob, aliceId)).ExpectError(HttpStatusCode.NotFound);
        Assert.Equal(["Alice is vegetarian and avoids meat"], await Acme.TextsAsync(alice));
    }
}
