using System.Net;
using Guardrails.Checks;
using Guardrails.Tests.Quality;
using Guardrails.Tests.Support;

namespace Guardrails.Tests.Checks;

/// <summary>The cheap tests that let a check skip its patterns on most prose must never skip a text the patterns
/// would have found something in: every labelled value, and thousands of generated addresses in prose whose other
/// dots and colons are far apart, still pass them and are still found.</summary>
public sealed class PrefilterTests
{
    [Fact]
    public void Every_labelled_value_passes_the_prefilters()
    {
        foreach (var value in Values("ip"))
        {
            Assert.True(IpAddressCheck.MayHoldV4(value) || IpAddressCheck.MayHoldV6(value), value);
        }

        foreach (var value in Values("iban"))
        {
            Assert.True(IbanCheck.MayHoldIban(value), value);
            Assert.True(IbanCheck.MayHoldIban(value.ToLowerInvariant()), value);
        }
    }

    [Fact]
    public void Generated_ipv6_addresses_in_prose_pass_and_are_found()
    {
        var random = new Random(6);
        var bytes = new byte[16];
        var check = new IpAddressCheck();
        for (var i = 0; i < 3000; i++)
        {
            random.NextBytes(bytes);
            // Runs of zero groups, so the compressed forms ("::") appear too.
            for (var z = random.Next(0, 4); z > 0; z--)
            {
                var at = random.Next(0, 8) * 2;
                bytes[at] = 0;
                bytes[at + 1] = 0;
            }

            var address = new IPAddress(bytes);
            var written = (i % 4) switch
            {
                0 => address.ToString(),
                1 => string.Join(':', Enumerable.Range(0, 8).Select(g => ((bytes[g * 2] << 8) | bytes[g * 2 + 1]).ToString("x4", System.Globalization.CultureInfo.InvariantCulture))),
                2 => address.ToString() + "%eth0",
                _ => "::ffff:" + string.Join('.', bytes[12..].Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            };
            var text = $"Note: the peer at {written} replied. Status: ok";
            Assert.True(IpAddressCheck.MayHoldV6(text), written);
            var full = i % 4 is 1 or 3 && !IPAddress.IsLoopback(address) && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.IPv6None);
            if (full)
            {
                Assert.Contains(written, TestPolicies.Matches(check, text));
            }
        }
    }

    [Fact]
    public void Generated_ipv4_addresses_in_prose_pass_and_are_found()
    {
        var random = new Random(4);
        var check = new IpAddressCheck();
        for (var i = 0; i < 3000; i++)
        {
            var written = $"{random.Next(11, 127)}.{random.Next(0, 256)}.{random.Next(0, 256)}.{random.Next(1, 255)}";
            var text = $"Done. The server at {written} answered. Next.";
            Assert.True(IpAddressCheck.MayHoldV4(text), written);
            Assert.Equal([written], TestPolicies.Matches(check, text));
        }
    }

    [Theory]
    [InlineData("What do I like about subject 17 and topic 221? [[reply:You like many topics.]]")]
    [InlineData("Note: meeting at ten, then lunch: noon. Later: tea.")]
    [InlineData("Version 2 of the plan. Chapter 3. Page 4.")]
    [InlineData("a")]
    [InlineData("")]
    public void Prose_without_the_shapes_is_settled_by_the_prefilters(string text)
    {
        Assert.False(IpAddressCheck.MayHoldV4(text));
        Assert.False(IpAddressCheck.MayHoldV6(text));
        Assert.False(IbanCheck.MayHoldIban(text));
        Assert.Empty(TestPolicies.Matches(new PhoneCheck(), text));
    }

    [Theory]
    [InlineData("ab12")]
    [InlineData("IBAN GB82 WEST 1234 5698 7654 32")]
    [InlineData("x DE89370400440532013000")]
    public void Two_letters_before_two_digits_pass_the_iban_prefilter(string text) => Assert.True(IbanCheck.MayHoldIban(text));

    /// <summary>The texts of a labelled set that hold a value the check must find.</summary>
    private static IEnumerable<string> Values(string name) =>
        DetectionQualityTests.Load(name).Where(c => c.Expected is { Count: > 0 }).Select(c => c.Text);
}
