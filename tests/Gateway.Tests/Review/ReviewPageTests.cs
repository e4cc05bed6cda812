using Microsoft.Playwright;

namespace Gateway.Tests.Review;

/// <summary>The reviewers' page in headless Chromium (Debian's /usr/bin/chromium) against the real gateway on
/// a loopback port: the key prompt, loading, filtering, opening an event and recording a verdict.</summary>
public sealed class ReviewPageTests(ReviewGatewayFixture fixture) : IClassFixture<ReviewGatewayFixture>
{
    private const string ChromiumPath = "/usr/bin/chromium";

    [Fact]
    public async Task A_reviewer_loads_filters_opens_an_event_and_records_a_verdict()
    {
        Assert.True(File.Exists(ChromiumPath), "Chromium is missing: apt-get install -y chromium");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(15_000);

        // Without a key the page answers 401 and asks for one.
        var response = await page.GotoAsync(fixture.Gateway.BaseUrl + "/review");
        Assert.Equal(401, response!.Status);
        await page.Locator("#api-key").FillAsync(ReviewGatewayFixture.AuditKey);
        await page.Locator("#key-form button[type=submit]").ClickAsync();

        // Loaded: the chain verifies and the tenant's events are listed.
        await Assertions.Expect(page.Locator("#chain-status")).ToContainTextAsync("Chain verified");
        var rows = page.Locator("#events tbody tr");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        Assert.True(await rows.CountAsync() >= 3);
        await Assertions.Expect(page.Locator("#counts tbody tr[data-rule='pii.email']")).ToBeVisibleAsync();

        // Filter to secrets only.
        await page.Locator("#f-rule").FillAsync("secret");
        await page.Locator("#apply").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(await SecretEventCountAsync());
        foreach (var rule in await page.Locator("#events tbody tr td:nth-child(3)").AllTextContentsAsync())
        {
            Assert.StartsWith("secret.", rule, StringComparison.Ordinal);
        }

        // Open the event: rule, redacted excerpt, template version and request id are shown.
        await rows.First.ClickAsync();
        var detail = page.Locator("#detail");
        await Assertions.Expect(detail).ToBeVisibleAsync();
        await Assertions.Expect(detail.Locator("[data-field=rule]")).ToContainTextAsync("secret.aws_access_key");
        await Assertions.Expect(detail.Locator("[data-field=excerpt]")).ToContainTextAsync("[SECRET]");
        Assert.DoesNotContain("AKIA", await detail.Locator("[data-field=excerpt]").TextContentAsync() ?? string.Empty, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(await detail.Locator("[data-field=requestId]").TextContentAsync()));
        var id = long.Parse(await detail.GetAttributeAsync("data-id") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        // Record a verdict.
        await page.Locator("#verdict-note").FillAsync("real key pasted by a user");
        await page.Locator("#verdict-tp").ClickAsync();
        await Assertions.Expect(page.Locator("#verdict-status")).ToContainTextAsync("Recorded: true positive");
        await Assertions.Expect(detail.Locator("[data-field=verdict]")).ToContainTextAsync("true_positive");

        var stored = await fixture.Audit.GetAsync("acme", id);
        Assert.Equal("true_positive", stored!.Verdict);
        Assert.Equal("real key pasted by a user", stored.VerdictNote);
        Assert.True((await fixture.Audit.VerifyAsync("acme")).Valid);
    }

    private async Task<int> SecretEventCountAsync() =>
        (await fixture.Audit.QueryAsync(new Guardrails.Audit.AuditQuery { Tenant = "acme", Rule = "secret" })).Count;
}
