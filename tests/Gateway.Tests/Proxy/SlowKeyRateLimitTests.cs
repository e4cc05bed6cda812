namespace Gateway.Tests.Proxy;

/// <summary>A key allowed fewer than 60 requests a minute gets that many (the isolation audit of the eighth session
/// found a 6-a-minute key making one a second: the refill was rounded up to a whole token each second).</summary>
public sealed class SlowKeyRateLimitTests
{
    [Fact]
    public async Task A_key_of_six_requests_a_minute_waits_ten_seconds_for_the_next()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.BaseUrl,
            ["Auth:Keys:0:Key"] = "key-slow-6666",
            ["Auth:Keys:0:Id"] = "slow",
            ["Auth:Keys:0:RequestsPerMinute"] = "6",
            ["RateLimit:BurstSeconds"] = "10",
        });

        async Task<HttpResponseMessage> ModelsAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models");
            request.Headers.Authorization = new("Bearer", "key-slow-6666");
            return await gateway.Client.SendAsync(request);
        }

        using (var first = await ModelsAsync())
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // Past a second, the old refill had a token again; six a minute has none for ten seconds.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using var second = await ModelsAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.InRange(second.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 2, 10);
    }

    /// <summary>By default a key may make its minute's allowance at once, as "N per minute" reads (the contract audit of
    /// the ninth session found a 6-a-minute key refused after its first call: the bucket held ten seconds' worth).</summary>
    [Fact]
    public async Task A_key_of_six_requests_a_minute_makes_six_at_once_and_no_seventh()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.BaseUrl,
            ["Auth:Keys:0:Key"] = "key-six",
            ["Auth:Keys:0:RequestsPerMinute"] = "6",
        });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models");
            request.Headers.Authorization = new("Bearer", "key-six");
            using var response = await gateway.Client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 6), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
