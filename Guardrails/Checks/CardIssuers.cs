namespace Guardrails.Checks;

/// <summary>Issuer identification number ranges and the lengths each scheme issues.</summary>
internal static class CardIssuers
{
    private readonly record struct Range(int From, int To, int PrefixLength, int MinLength, int MaxLength);

    private static readonly Range[] Ranges =
    [
        new(4, 4, 1, 16, 19),               // Visa (13-digit numbers are retired; EAN-13 codes look like them)
        new(51, 55, 2, 16, 16),             // Mastercard
        new(2221, 2720, 4, 16, 16),         // Mastercard 2-series
        new(34, 34, 2, 15, 15),             // American Express
        new(37, 37, 2, 15, 15),
        new(6011, 6011, 4, 16, 19),         // Discover
        new(644, 649, 3, 16, 19),
        new(65, 65, 2, 16, 19),
        new(622126, 622925, 6, 16, 19),     // Discover co-branded UnionPay
        new(300, 305, 3, 14, 19),           // Diners Club International
        new(3095, 3095, 4, 14, 19),
        new(36, 36, 2, 14, 19),
        new(38, 39, 2, 14, 19),
        new(3528, 3589, 4, 16, 19),         // JCB
        new(62, 62, 2, 16, 19),             // UnionPay
        new(81, 81, 2, 16, 19),
        new(2200, 2204, 4, 16, 19),         // Mir
        new(5018, 5018, 4, 13, 19),         // Maestro
        new(5020, 5020, 4, 13, 19),
        new(5038, 5038, 4, 13, 19),
        new(5893, 5893, 4, 13, 19),
        new(6304, 6304, 4, 13, 19),
        new(6759, 6759, 4, 13, 19),
        new(6761, 6763, 4, 13, 19),
        new(60, 60, 2, 16, 16),             // RuPay
        new(508, 508, 3, 16, 16),
        new(9792, 9792, 4, 16, 16),         // Troy
    ];

    public static bool Matches(ReadOnlySpan<char> digits)
    {
        foreach (var range in Ranges)
        {
            if (digits.Length < range.MinLength || digits.Length > range.MaxLength)
            {
                continue;
            }

            var prefix = int.Parse(digits[..range.PrefixLength], provider: System.Globalization.CultureInfo.InvariantCulture);
            if (prefix >= range.From && prefix <= range.To)
            {
                return true;
            }
        }

        return false;
    }
}
