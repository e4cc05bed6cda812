using Guardrails.Abstractions;
using Guardrails.Tests.Support;

namespace Guardrails.Tests.Pipeline;

/// <summary>Inputs a second sweep of the detection checks found handled wrongly: version numbers redacted as IP
/// addresses, one number reported under two rules, IBANs written with dashes, credentials of shapes the secret
/// check did not know, addresses with a spelled or spaced at and a plain domain, and attacks in other languages.</summary>
public sealed class SweepInputsTests : IDisposable
{
    private readonly GuardrailsHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private async Task<GuardrailResult> OutputAsync(string text) =>
        await _harness.Pipeline.CheckAsync(GuardrailStage.Output, text, TestPolicies.Request());

    [Theory]
    [InlineData("Bump to 2.0.0.1")]
    [InlineData("Upgrade to 10.2.0.15 now")]
    [InlineData("Updated from 3.1.0.4 to 3.2.0.0")]
    [InlineData("Fixed in 4.12.0.3")]
    [InlineData("Released 5.0.0.12 today")]
    [InlineData("Assembly version 1.0.0.0 then 1.0.0.12")]
    [InlineData("Rolled back to 6.1.0.20 after the crash")]
    public async Task Four_part_versions_after_a_release_word_are_not_ip_addresses(string text)
    {
        var result = await OutputAsync(text);

        Assert.Equal(text, result.Text);
        Assert.Empty(result.Findings);
    }

    [Theory]
    [InlineData("Connect to 203.0.113.45 over ssh", "Connect to [IP] over ssh")]
    [InlineData("Allowed from 10.0.0.1 to 10.0.0.255", "Allowed from [IP] to [IP]")]
    [InlineData("Fixed in 4.12.0.3; the server is 203.0.113.45", "Fixed in 4.12.0.3; the server is [IP]")]
    [InlineData("We added 203.0.113.7 to the allowlist", "We added [IP] to the allowlist")]
    [InlineData("the route is pinned to 203.0.113.9", "the route is pinned to [IP]")]
    [InlineData("version 2.0.0.1 released; DNS at 8.8.4.4", "version 2.0.0.1 released; DNS at [IP]")]
    public async Task Addresses_near_release_words_are_still_redacted(string text, string expected) =>
        Assert.Equal(expected, (await OutputAsync(text)).Text);

    [Theory]
    [InlineData("SSN 078-05-1120 on file", "pii.ssn")]
    [InlineData("social security number 536228471", "pii.ssn")]
    [InlineData("iban nl91 abna 0417 1643 00", "pii.iban")]
    public async Task A_number_is_reported_once_under_its_most_telling_rule(string text, string rule)
    {
        var input = await _harness.Pipeline.CheckAsync(GuardrailStage.Input, text, TestPolicies.Request());
        var output = await OutputAsync(text);

        Assert.Equal([rule], input.Findings.Select(f => f.Rule));
        Assert.Equal([rule], output.Findings.Select(f => f.Rule));
        var events = await _harness.Audit.QueryAsync(new() { Tenant = "tenant-a" });
        Assert.All(events, e => Assert.Equal(rule, e.Rule));
    }

    [Theory]
    [InlineData("IBAN: ES91-2100-0418-4502-0005-1332", "IBAN: [IBAN]")]
    [InlineData("IBAN DE89-3704-0044-0532-0130-00.", "IBAN [IBAN].")]
    [InlineData("iban de89-3704-0044-0532-0130-00", "iban [IBAN]")]
    [InlineData("IBAN DE89-3704-0044-0532-0130-01", "IBAN DE89-3704-0044-0532-0130-01")]
    [InlineData("IBAN GB82-WEST 1234-5698 7654 32", "IBAN GB82-WEST 1234-5698 7654 32")]
    [InlineData("ref DE89-3704-0044-0532-0130-00-17", "ref DE89-3704-0044-0532-0130-00-17")]
    public async Task Ibans_grouped_with_dashes_are_redacted(string text, string expected) =>
        Assert.Equal(expected, (await OutputAsync(text)).Text);
}
