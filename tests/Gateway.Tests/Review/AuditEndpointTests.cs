using System.Net.Http.Headers;

namespace Gateway.Tests.Review;

/// <summary>The audit API over real chats: tenant scoping, scopes, filters, verdicts, verify, counts, export.</summary>
public sealed class AuditEndpointTests(ReviewGatewayFixture fixture) : IClassFixture<ReviewGatewayFixture>
{
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key = ReviewGatewayFixture.AuditKey, string? json = null, string? accept = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (json is not null)
        {
            request.Content = HttpAssert.Json(json);
        }

        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return await fixture.Gateway.Client.SendAsync(request);
    }

    private async Task<JsonArray> EventsAsync(string query = "", string key = ReviewGatewayFixture.AuditKey)
    {
        using var response = await SendAsync(HttpMethod.Get, "v1/audit/events" + query, key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["events"]!.AsArray();
    }

    [Fact]
    public async Task Answers_with_pii_were_redacted_and_audited_without_raw_values()
    {
        var answer = await fixture.ChatAsync(ReviewGatewayFixture.ChatKey, "dave", "Reach me on dave@example.org");
        Assert.Contains("[EMAIL]", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("dave@example.org", answer, StringComparison.Ordinal);

        var events = await EventsAsync("?rule=pii.email&action=redact");
        Assert.NotEmpty(events);
        foreach (var e in events)
        {
            Assert.Equal("output", e!["stage"]!.GetValue<string>());
            Assert.DoesNotContain("@", e["excerpt"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Matches("^u_[0-9a-f]{32}$", e["userId"]!.GetValue<string>());
            Assert.Equal("acme", e["tenant"]!.GetValue<string>());
            Assert.Equal("support-bot", e["keyId"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(e["requestId"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Each_tenant_sees_only_its_own_events()
    {
        var acme = await EventsAsync();
        var globex = await EventsAsync(key: ReviewGatewayFixture.OtherTenantKey);
        Assert.All(acme, e => Assert.Equal("acme", e!["tenant"]!.GetValue<string>()));
        Assert.All(globex, e => Assert.Equal("globex", e!["tenant"]!.GetValue<string>()));
        Assert.NotEmpty(globex);

        // Ids are per tenant: the id of globex's event names acme's own event of that number, never globex's
        // (AuditIdsPerTenantTests covers reading and judging by id across tenants).
        var foreignId = globex[0]!["id"]!.GetValue<long>();
        using var get = await SendAsync(HttpMethod.Get, $"v1/audit/events/{foreignId}");
        var own = JsonNode.Parse(await get.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("acme", own["tenant"]!.GetValue<string>());
        Assert.NotEqual(globex[0]!["requestId"]!.GetValue<string>(), own["requestId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Filters_by_user_and_key()
    {
        var alice = await EventsAsync("?userId=alice");
        Assert.NotEmpty(alice);
        var pseudonym = alice[0]!["userId"]!.GetValue<string>();
        Assert.All(alice, e => Assert.Equal(pseudonym, e!["userId"]!.GetValue<string>()));
        Assert.Equal(alice.Count, (await EventsAsync($"?userId={pseudonym}")).Count);
        Assert.Empty(await EventsAsync("?keyId=no-such-key"));
        Assert.NotEmpty(await EventsAsync("?rule=secret"));
    }

    /// <summary>A family asked for as a prefix (<c>pii.</c>) or a pattern (<c>pii.*</c>, <c>pii*</c>) finds what
    /// <c>rule=pii</c> finds (the contract audit found none for either).</summary>
    [Theory]
    [InlineData("pii.")]
    [InlineData("pii.*")]
    [InlineData("pii*")]
    public async Task A_rule_family_written_as_a_prefix_or_pattern_finds_the_family(string rule)
    {
        var family = await EventsAsync("?rule=pii");
        Assert.NotEmpty(family);

        var events = await EventsAsync("?rule=" + Uri.EscapeDataString(rule));

        Assert.Equal(family.Select(e => (long)e!["id"]!), events.Select(e => (long)e!["id"]!));
    }

    /// <summary>A time as Unix seconds (what <c>date +%s</c> and <c>time.time()</c> give) reads as that instant.</summary>
    [Fact]
    public async Task A_time_in_unix_seconds_is_read()
    {
        Assert.NotEmpty(await EventsAsync("?since=946684800"));
        Assert.Empty(await EventsAsync("?since=4102444800"));
        Assert.NotEmpty(await EventsAsync("?until=4102444800"));
    }

    /// <summary>An event's own <c>at</c> (and Python's isoformat) has a "+00:00" offset; sent unencoded, the query
    /// string reads its '+' as a space (the contract audit found it a 400).</summary>
    [Theory]
    [InlineData("?since=2000-01-01T00:00:00+00:00")]
    [InlineData("?since=2000-01-01T01:00:00%2B01:00")]
    [InlineData("?since=2000-01-01T00:00:00Z")]
    public async Task A_time_with_an_offset_is_read_even_unencoded(string query)
    {
        using var response = await SendAsync(HttpMethod.Get, "v1/audit/events" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["events"]!.AsArray());
    }

    [Theory]
    [InlineData("?since=yesterday", "since")]
    [InlineData("?until=2025-13-45", "until")]
    [InlineData("?action=explode", "action")]
    [InlineData("?stage=middle", "stage")]
    [InlineData("?since=2024", "since")] // a year, not Unix seconds in 1970
    [InlineData("?until=20240315", "until")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=abc", "limit")]
    [InlineData("?limit=5000", "limit")]
    [InlineData("?before=x", "before")]
    [InlineData("?since=2025-02-01T00:00:00Z&until=2025-01-01T00:00:00Z", "until")]
    public async Task Bad_query_parameters_are_400_in_openai_shape_naming_the_parameter(string query, string param)
    {
        using var response = await SendAsync(HttpMethod.Get, "v1/audit/events" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        // OpenAI's shape names the request field at fault in "param" (it was null for every audit filter).
        Assert.Equal(param, (string?)error["param"]);
    }

    [Fact]
    public async Task Keys_and_scopes_guard_the_api_and_the_page()
    {
        using var noKey = await SendAsync(HttpMethod.Get, "v1/audit/events", key: null);
        using var chatOnly = await SendAsync(HttpMethod.Get, "v1/audit/verify", key: ReviewGatewayFixture.ChatKey);
        using var pageNoKey = await SendAsync(HttpMethod.Get, "review", key: null, accept: "text/html");
        using var pageApiNoKey = await SendAsync(HttpMethod.Get, "review", key: null);
        using var pageChat = await SendAsync(HttpMethod.Get, "review", key: ReviewGatewayFixture.ChatKey);
        using var page = await SendAsync(HttpMethod.Get, "review", key: ReviewGatewayFixture.AuditKey);
        using var script = await SendAsync(HttpMethod.Get, "review-assets/review.js", key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, chatOnly.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, pageNoKey.StatusCode);
        Assert.Contains("<form id=\"key-form\">", await pageNoKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, pageApiNoKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, pageChat.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task A_verdict_is_recorded_and_shown_with_the_event_and_the_chain_stays_valid()
    {
        var target = (await EventsAsync("?rule=pii"))[0]!["id"]!.GetValue<long>();

        using var bad = await SendAsync(HttpMethod.Post, $"v1/audit/events/{target}/verdict", json: """{"verdict":"maybe"}""");
        using var notJson = await SendAsync(HttpMethod.Post, $"v1/audit/events/{target}/verdict", json: "{nope");
        using var unknown = await SendAsync(HttpMethod.Post, "v1/audit/events/999999/verdict", json: """{"verdict":"true_positive"}""");
        using var repeated = await SendAsync(HttpMethod.Post, $"v1/audit/events/{target}/verdict", json: """{"verdict":"true_positive","verdict":"false_positive"}""");
        using var ok = await SendAsync(HttpMethod.Post, $"v1/audit/events/{target}/verdict", json: """{"verdict":"false_positive","note":"test data"}""");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, repeated.StatusCode); // was recorded as the last one
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        using var get = await SendAsync(HttpMethod.Get, $"v1/audit/events/{target}");
        var e = JsonNode.Parse(await get.Content.ReadAsStringAsync())!;
        Assert.Equal("false_positive", e["verdict"]!.GetValue<string>());
        Assert.Equal("test data", e["verdictNote"]!.GetValue<string>());

        using var verify = await SendAsync(HttpMethod.Get, "v1/audit/verify");
        var v = JsonNode.Parse(await verify.Content.ReadAsStringAsync())!;
        Assert.True(v["valid"]!.GetValue<bool>());
        Assert.True(v["checked"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task Counts_and_export_cover_the_tenants_events()
    {
        using var counts = await SendAsync(HttpMethod.Get, "v1/audit/counts?bucket=hour");
        Assert.Equal(HttpStatusCode.OK, counts.StatusCode);
        var rows = JsonNode.Parse(await counts.Content.ReadAsStringAsync())!["counts"]!.AsArray();
        Assert.Contains(rows, r => r!["rule"]!.GetValue<string>() == "pii.email");

        using var badBucket = await SendAsync(HttpMethod.Get, "v1/audit/counts?bucket=fortnight");
        Assert.Equal(HttpStatusCode.BadRequest, badBucket.StatusCode);

        using var export = await SendAsync(HttpMethod.Get, "v1/audit/export?rule=pii");
        Assert.Equal("application/x-ndjson", export.Content.Headers.ContentType!.MediaType);
        var lines = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.StartsWith("pii.", JsonNode.Parse(l)!["rule"]!.GetValue<string>(), StringComparison.Ordinal));
    }
}
