using System.Globalization;
using System.Text.RegularExpressions;

namespace Memory.WriteBack.Extraction;

/// <summary>A clock time as minutes of the day; without am/pm ("7:30") it may be either half of the day.</summary>
internal readonly record struct ClockTime(int Minutes, bool Ambiguous)
{
    public int Hour => Minutes / 60;

    public int Minute => Minutes % 60;

    public static ClockTime From(Match m)
    {
        if (m.Groups["word"].Success)
        {
            return new ClockTime(m.Groups["word"].Value.Equals("midnight", StringComparison.OrdinalIgnoreCase) ? 0 : 12 * 60, false);
        }

        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture) % 24;
        var minute = m.Groups["m"].Success ? Math.Min(59, int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture)) : 0;
        if (!m.Groups["ap"].Success)
        {
            return new ClockTime(hour * 60 + minute, hour is >= 1 and <= 12);
        }

        hour %= 12;
        if (m.Groups["ap"].Value is "p" or "P")
        {
            hour += 12;
        }

        return new ClockTime(hour * 60 + minute, false);
    }

    /// <summary>True when both can be the same time of day: equal, or equal twelve hours apart when either lacks am/pm.</summary>
    public bool SameAs(ClockTime other) =>
        Minutes == other.Minutes || ((Ambiguous || other.Ambiguous) && (Minutes + 720) % 1440 == other.Minutes);
}
