namespace Guardrails.Checks;

/// <summary>ITU-T E.164 country calling codes, enough to tell "+44 20 7946 0958" from "+100 200 300".</summary>
internal static class CountryCodes
{
    private static readonly HashSet<string> TwoDigit =
    [
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
        "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84",
        "86", "90", "91", "92", "93", "94", "95", "98",
    ];

    /// <summary>Prefixes under which every code has three digits (e.g. 353 Ireland, 971 UAE).</summary>
    private static readonly HashSet<string> ThreeDigitZones =
    [
        "21", "22", "23", "24", "25", "26", "29", "35", "37", "38", "42", "50", "59", "67", "68", "69", "80", "85",
        "87", "88", "96", "97", "99",
    ];

    /// <summary>True when <paramref name="digits"/> (after "+") starts with a real country code; when the
    /// writer grouped the code (<paramref name="firstGroup"/> ≤ 3 digits), the group must be exactly that code.</summary>
    public static bool IsPlausible(string digits, int firstGroup)
    {
        var length = CodeLength(digits);
        if (length == 0)
        {
            return false;
        }

        return firstGroup > 3 || firstGroup == length;
    }

    private static int CodeLength(string digits)
    {
        if (digits.Length < 3 || digits[0] == '0')
        {
            return 0;
        }

        if (digits[0] is '1' or '7')
        {
            return 1;
        }

        var two = digits[..2];
        if (TwoDigit.Contains(two))
        {
            return 2;
        }

        return ThreeDigitZones.Contains(two) ? 3 : 0;
    }
}
