using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Guardrails.Checks;

/// <summary>IPv4 and IPv6 addresses, redacted to <c>[IP]</c>. Loopback, unspecified and broadcast addresses
/// identify nobody and pass. Version strings are told apart by their cue ("v1.2.3.4", "Chrome/120.0.1.2",
/// "version 10.0.0.1") and by four single-digit parts without a network word; OIDs by their extra parts.</summary>
internal sealed partial class IpAddressCheck : IGuardrailCheck
{
    public const string Rule = "pii.ip";

    public string Family => RuleFamilies.Pii;

    public int StreamWindow => 72;

    public IEnumerable<Detection> Detect(string text, CheckContext context)
    {
        foreach (System.Text.RegularExpressions.Match match in MayHoldV4(text) ? V4().Matches(text) : Enumerable.Empty<System.Text.RegularExpressions.Match>())
        {
            if (IsV4(text, match.Index, match.Length))
            {
                yield return new Detection(Rule, match.Index, match.Length, Placeholders.Ip);
            }
        }

        foreach (System.Text.RegularExpressions.Match match in MayHoldV6(text) ? V6().Matches(text) : Enumerable.Empty<System.Text.RegularExpressions.Match>())
        {
            if (IsV6(text.AsSpan(match.Index, match.Length)))
            {
                yield return new Detection(Rule, match.Index, match.Length, Placeholders.Ip);
            }
        }
    }

    /// <summary>An IPv4 address has a dot between two digits: prose without one is settled without the pattern.</summary>
    internal static bool MayHoldV4(string text)
    {
        if (text.Length < 7)
        {
            return false; // "1.2.3.4" is the shortest
        }

        for (var i = text.IndexOf('.', 1); i > 0 && i < text.Length - 1; i = text.IndexOf('.', i + 1))
        {
            if (char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An IPv6 address has two colons at most five characters apart (groups are at most four hex digits):
    /// a text whose colons are all further apart ("Note: ...", "reply:") is settled without the pattern.</summary>
    internal static bool MayHoldV6(string text)
    {
        var previous = text.IndexOf(':', StringComparison.Ordinal);
        while (previous >= 0)
        {
            var next = text.IndexOf(':', previous + 1);
            if (next < 0)
            {
                return false;
            }

            if (next - previous <= 5)
            {
                return true;
            }

            previous = next;
        }

        return false;
    }

    private static bool IsV4(string text, int start, int length)
    {
        var value = text.AsSpan(start, length);
        if (!IPAddress.TryParse(value, out var address) || address.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        // "pkg@1.2.3.4" pins a version, but past seven characters a dotted quad after '@' is a host
        // ("ssh deploy@10.0.0.5", "admin@192.168.1.20"): four-part versions are rarely that long with every part ≤ 255.
        if (TextContext.HasVersionCue(text, start) && !(length > 7 && text[start - 1] == '@' && !TextContext.HasVersionCue(text, start - 1)))
        {
            return false;
        }

        if (IsReleasedVersion(text, start))
        {
            return false;
        }

        // "1.2.3.4" is far more often a version or a section number than an address.
        return length > 7 || TextContext.HasNetworkCue(text, start);
    }

    /// <summary>A four-part version after a release word ("bump to 2.0.0.1", "fixed in 4.12.0.3", "released
    /// 5.0.0.12"), or listed after one ("updated from 3.1.0.4 to 3.2.0.0", "version 1.0.0.0 then 1.0.0.12"). A dotted
    /// quad listed after an address stays one ("from 10.0.0.1 to 10.0.0.255").</summary>
    private static bool IsReleasedVersion(string text, int start)
    {
        for (var hop = 0; hop < 4 && start >= 0; hop++)
        {
            if (TextContext.HasReleaseCue(text, start) || (hop > 0 && TextContext.HasVersionCue(text, start)))
            {
                return true;
            }

            start = TextContext.PreviousDottedNumber(text, start);
        }

        return false;
    }

    private static bool IsV6(ReadOnlySpan<char> value)
    {
        var core = value;
        var zone = core.IndexOf('%');
        if (zone >= 0)
        {
            core = core[..zone];
        }

        if (!IPAddress.TryParse(core, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6
            || IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None))
        {
            return false;
        }

        // At least three written groups (or an embedded IPv4): "a::b" in code is a scope, not an address.
        var groups = 0;
        foreach (var part in core.Split(':'))
        {
            if (!core[part].IsEmpty)
            {
                groups++;
            }
        }

        return groups >= 3 || core.Contains('.');
    }

    [GeneratedRegex(@"(?<![\w.\-])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w\-]|\.\d)",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex V4();

    [GeneratedRegex(@"(?<![\w:.\-])(?:[0-9A-Fa-f]{1,4}:{1,2}|::){1,7}(?:[0-9A-Fa-f]{1,4}|(?<=:)(?:\d{1,3}\.){3}\d{1,3}|(?<=::))(?:%[A-Za-z0-9_.]{1,16})?(?![\w:]|\.\d)",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex V6();
}
