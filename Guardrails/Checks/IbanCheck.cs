using System.Text.RegularExpressions;

namespace Guardrails.Checks;

/// <summary>International bank account numbers, redacted to <c>[IBAN]</c>: a registered country code, exactly
/// that country's length (counted through single spaces or dashes, one kind throughout, so "BIC" after the number is not swallowed), and the
/// ISO 7064 mod-97 checksum.</summary>
internal sealed partial class IbanCheck : IGuardrailCheck
{
    public const string Rule = "pii.iban";

    public string Family => RuleFamilies.Pii;

    public int StreamWindow => 48;

    public IEnumerable<Detection> Detect(string text, CheckContext context)
    {
        if (!MayHoldIban(text))
        {
            yield break;
        }

        foreach (System.Text.RegularExpressions.Match match in Start().Matches(text))
        {
            if (TryMeasure(text, match.Index, out var length))
            {
                yield return new Detection(Rule, match.Index, length, Placeholders.Iban);
            }
        }
    }

    /// <summary>An IBAN opens with two letters and two digits: a text without that shape is settled without the
    /// pattern (most prose has no letter glued to two digits).</summary>
    internal static bool MayHoldIban(string text)
    {
        var span = text.AsSpan();
        for (var i = span.IndexOfAnyInRange('0', '9'); i >= 0 && i < span.Length - 1; )
        {
            if (i >= 2 && char.IsAsciiDigit(span[i + 1]) && char.IsAsciiLetter(span[i - 1]) && char.IsAsciiLetter(span[i - 2]))
            {
                return true;
            }

            var next = span[(i + 1)..].IndexOfAnyInRange('0', '9');
            i = next < 0 ? -1 : i + 1 + next;
        }

        return false;
    }

    private static bool TryMeasure(string text, int start, out int length)
    {
        length = 0;
        var country = text.AsSpan(start, 2);
        if (char.IsUpper(country[0]) != char.IsUpper(country[1]))
        {
            return false;
        }

        if (!IbanRegistry.TryGetLength(country, out var expected))
        {
            return false;
        }

        Span<char> iban = stackalloc char[34];
        var count = 0;
        var i = start;
        var firstGroup = 0;
        var sawSpace = false;
        var separator = '\0'; // one kind throughout: spaces, or dashes ("ES91-2100-0418-...")
        while (i < text.Length && count < expected)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                iban[count++] = char.ToUpperInvariant(c);
                if (!sawSpace)
                {
                    firstGroup++;
                }

                i++;
            }
            else if (c is ' ' or '-' && (separator == '\0' || c == separator) && count > 0 && i + 1 < text.Length
                && char.IsAsciiLetterOrDigit(text[i + 1]) && text[i - 1] != c)
            {
                separator = c;
                sawSpace = true;
                i++;
            }
            else
            {
                break;
            }
        }

        if (count != expected || (sawSpace && firstGroup < 4))
        {
            return false;
        }

        // The number must end here: no letter or digit glued to it, nor a further dashed group.
        if (i < text.Length && (char.IsAsciiLetterOrDigit(text[i])
            || (separator == '-' && text[i] == '-' && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]))))
        {
            return false;
        }

        if (!Mod97(iban[..count]))
        {
            return false;
        }

        length = i - start;
        return true;
    }

    internal static bool Mod97(ReadOnlySpan<char> iban)
    {
        var remainder = 0;
        for (var k = 0; k < iban.Length; k++)
        {
            var c = iban[(k + 4) % iban.Length];
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                var value = c - 'A' + 10;
                remainder = ((remainder * 100) + value) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?=[ \-]?[A-Za-z0-9]{2})", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Start();
}
