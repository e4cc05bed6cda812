using Guardrails.Audit;
using static Gateway.Tests.Review.TwoTenantAuditGateway;

namespace Gateway.Tests.Review;

/// <summary>Audit ids are numbered per tenant (1, 2, 3, ...), so an id tells no tenant how many events another one
/// produced and cannot reach another tenant's event: list, detail, verdict, paging, verify and export all use them.</summary>
public sealed class AuditIdsPerTenantTests
{
    [Fact]
    public async Task Two_tenants_each_number_their_events_from_1_however_their_writes_interleave()
    {
        await using var gateway = await TwoTenantAuditGateway.StartAsync();
        await gateway.ChatWithEmailsAsync(AcmeKey, 2, "acme");
        await gateway.ChatWithEmailsAsync(GlobexKey, 3, "globex");
        await gateway.ChatWithEmailsAsync(AcmeKey, 1, "acme");
        await gateway.ChatWithEmailsAsync(GlobexKey, 2, "globex");

        var acme = await gateway.EventIdsAsync(AcmeKey);
        var globex = await gateway.EventIdsAsync(GlobexKey);

        Assert.True(acme.Count >= 3 && globex.Count >= 5, $"acme {acme.Count}, globex {globex.Count} events");
        Assert.Equal(Descending(acme.Count), acme);
        Assert.Equal(Descending(globex.Count), globex);

        var acmeVerify = await gateway.GetJsonAsync("v1/audit/verify", AcmeKey);
        Assert.True(acmeVerify["valid"]!.GetValue<bool>(), acmeVerify.ToJsonString());
        Assert.Equal((long)acme.Count, acmeVerify["headId"]!.GetValue<long>());
        Assert.Equal((long)acme.Count, acmeVerify["checked"]!.GetValue<long>());
        var globexVerify = await gateway.GetJsonAsync("v1/audit/verify", GlobexKey);
        Assert.True(globexVerify["valid"]!.GetValue<bool>(), globexVerify.ToJsonString());
        Assert.Equal((long)globex.Count, globexVerify["headId"]!.GetValue<long>());

        using var export = await gateway.SendAsync(HttpMethod.Get, "v1/audit/export", AcmeKey);
        var exported = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!["id"]!.GetValue<long>());
        Assert.Equal(Descending(acme.Count).Reverse(), exported);
    }

    [Fact]
    public async Task A_tenant_cannot_read_or_judge_another_tenants_event_by_its_id()
    {
        await using var gateway = await TwoTenantAuditGateway.StartAsync();
        await gateway.ChatAsync(AcmeKey, "Write to ann@acme.com");
        for (var i = 0; i < 3; i++)
        {
            await gateway.ChatAsync(GlobexKey, $"The staging key is AKIAZ3MSJV2QWERTY7X{i}, keep it safe.");
        }

        var acme = await gateway.EventIdsAsync(AcmeKey);
        var globex = await gateway.EventIdsAsync(GlobexKey);
        Assert.True(globex.Count > acme.Count, $"acme {acme.Count}, globex {globex.Count} events");
        var globexOnly = globex[0];

        // An id only globex has is no event of acme's: 404 to read it, 404 to judge it, and globex's stays unjudged.
        using (var read = await gateway.SendAsync(HttpMethod.Get, $"v1/audit/events/{globexOnly}", AcmeKey))
        {
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }

        using (var judge = await gateway.SendAsync(HttpMethod.Post, $"v1/audit/events/{globexOnly}/verdict", AcmeKey, """{"verdict":"false_positive"}"""))
        {
            Assert.Equal(HttpStatusCode.NotFound, judge.StatusCode);
        }

        Assert.Null((await gateway.GetJsonAsync($"v1/audit/events/{globexOnly}", GlobexKey))["verdict"]);

        // An id both have is each tenant's own event: acme's 1 is acme's e-mail, globex's 1 globex's secret, and a
        // verdict acme gives lands on acme's event only.
        var acmeFirst = await gateway.GetJsonAsync("v1/audit/events/1", AcmeKey);
        var globexFirst = await gateway.GetJsonAsync("v1/audit/events/1", GlobexKey);
        Assert.Equal("acme", acmeFirst["tenant"]!.GetValue<string>());
        Assert.StartsWith("pii.", acmeFirst["rule"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("globex", globexFirst["tenant"]!.GetValue<string>());
        Assert.StartsWith("secret.", globexFirst["rule"]!.GetValue<string>(), StringComparison.Ordinal);

        var verdict = await PostJsonAsync(gateway, "v1/audit/events/1/verdict", AcmeKey, """{"verdict":"true_positive"}""");
        Assert.Equal(1, verdict["id"]!.GetValue<long>());
        Assert.Equal(1, verdict["eventId"]!.GetValue<long>());
        Assert.Equal("true_positive", (await gateway.GetJsonAsync("v1/audit/events/1", AcmeKey))["verdict"]!.GetValue<string>());
        Assert.Null((await gateway.GetJsonAsync("v1/audit/events/1", GlobexKey))["verdict"]);

        // Globex's first verdict is its verdict 1, whatever acme judged before.
        var globexVerdict = await PostJsonAsync(gateway, $"v1/audit/events/{globexOnly}/verdict", GlobexKey, """{"verdict":"false_positive"}""");
        Assert.Equal(1, globexVerdict["id"]!.GetValue<long>());
        Assert.Equal(globexOnly, globexVerdict["eventId"]!.GetValue<long>());
        foreach (var key in new[] { AcmeKey, GlobexKey })
        {
            var verify = await gateway.GetJsonAsync("v1/audit/verify", key);
            Assert.True(verify["valid"]!.GetValue<bool>() && verify["verdictsValid"]!.GetValue<bool>(), verify.ToJsonString());
        }
    }

    [Fact]
    public async Task Paging_with_before_walks_a_tenants_ids_across_write_batches_without_gaps()
    {
        await using var gateway = await TwoTenantAuditGateway.StartAsync();
        var log = gateway.Gateway.Services.GetRequiredService<SqliteAuditLog>();
        var batchesBefore = log.CommittedBatches;
        for (var i = 0; i < 4; i++)
        {
            await gateway.ChatWithEmailsAsync(AcmeKey, 3, $"acme{i}");
            await gateway.ChatWithEmailsAsync(GlobexKey, 2, $"globex{i}");
        }

        // Every chat's events were committed in a write batch of their own: 8 batches, interleaving the tenants.
        Assert.True(log.CommittedBatches - batchesBefore >= 8, $"{log.CommittedBatches - batchesBefore} batches");
        var all = await gateway.EventIdsAsync(AcmeKey, "?limit=1000");
        Assert.True(all.Count >= 12, $"{all.Count} events");
        Assert.Equal(Descending(all.Count), all);

        var paged = new List<long>();
        var pages = 0;
        var query = "?limit=5";
        while (true)
        {
            var page = await gateway.EventIdsAsync(AcmeKey, query);
            if (page.Count == 0)
            {
                break;
            }

            Assert.True(page.Count <= 5);
            paged.AddRange(page);
            pages++;
            query = $"?limit=5&before={page[^1]}";
        }

        Assert.Equal(all, paged);
        Assert.Equal((all.Count + 4) / 5, pages);
    }

    private static IEnumerable<long> Descending(int count) => Enumerable.Range(1, count).Select(i => (long)i).Reverse();

    private static async Task<JsonNode> PostJsonAsync(TwoTenantAuditGateway gateway, string path, string key, string json)
    {
        using var response = await gateway.SendAsync(HttpMethod.Post, path, key, json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }
}
