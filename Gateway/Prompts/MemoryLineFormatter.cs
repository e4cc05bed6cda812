using System.Globalization;
using System.Text;
using Memory.Model;

namespace Gateway.Prompts;

/// <summary>Writes memories as the compact block chat templates receive in <c>{{$memories}}</c>:
/// <code>
/// === BEGIN MEMORIES mem-1a2b3c4d5e6f ===
/// - [2d ago · high] Carol is allergic to peanuts
/// === END MEMORIES mem-1a2b3c4d5e6f ===
/// </code>
/// Memory text is data: it is inserted as it is (no HTML-encoding, never evaluated as a template), except that line
/// breaks and control characters become spaces, so a memory is always exactly one line starting with "- [" and can
/// never forge the END marker, which carries the request's random canary.</summary>
internal static class MemoryLineFormatter
{
    public static string Header(string canary) => $"=== BEGIN MEMORIES {canary} ===";

    public static string Footer(string canary) => $"=== END MEMORIES {canary} ===";

    /// <summary>The block's one line when no memory is injected: true whether the user holds none or none of theirs bears on
    /// this request (the model must not read it as "knows nothing about the user" when the user has memories).</summary>
    public const string NoMemories = "(no remembered facts about this user bear on this request)";

    /// <summary>One memory as one line: <c>- [age · confidence] text</c>.</summary>
    public static string Line(MemoryItem memory, DateTimeOffset now) =>
        $"- [{Age(When(memory), now)} · {Confidence(memory.Confidence)}] {OneLine(memory.Text)}";

    /// <summary>The whole block around already formatted lines.</summary>
    public static string Block(string canary, IEnumerable<string> lines)
    {
        var sb = new StringBuilder();
        sb.Append(Header(canary)).Append('\n');
        var any = false;
        foreach (var line in lines)
        {
            sb.Append(line).Append('\n');
            any = true;
        }

        if (!any)
        {
            sb.Append(NoMemories).Append('\n');
        }

        return sb.Append(Footer(canary)).ToString();
    }

    /// <summary>When the fact was learned: its occurrence time, else its last update.</summary>
    private static DateTimeOffset When(MemoryItem memory) =>
        memory.OccurredAt != default ? memory.OccurredAt : memory.UpdatedAt != default ? memory.UpdatedAt : memory.CreatedAt;

    /// <summary><c>today</c>, <c>3d ago</c>, <c>2w ago</c>, <c>5mo ago</c>, <c>2y ago</c>; <c>in 3d</c> for the future.</summary>
    public static string Age(DateTimeOffset when, DateTimeOffset now)
    {
        if (when == default)
        {
            return "undated";
        }

        var span = now - when;
        var future = span < TimeSpan.Zero;
        var days = Math.Abs(span.TotalDays);
        if (days < 1)
        {
            return "today";
        }

        var amount = days switch
        {
            < 14 => Whole(days) + "d",
            < 60 => Whole(days / 7) + "w",
            < 365 => Whole(days / 30.44) + "mo",
            _ => Whole(days / 365.25) + "y",
        };
        return future ? "in " + amount : amount + " ago";
    }

    /// <summary><c>high</c> (≥ 0.8), <c>medium</c> (≥ 0.5) or <c>low</c>.</summary>
    public static string Confidence(double confidence) => confidence switch
    {
        >= 0.8 => "high",
        >= 0.5 => "medium",
        _ => "low",
    };

    /// <summary>The text on one line: line breaks, tabs and other control characters become single spaces.</summary>
    public static string OneLine(string text)
    {
        var span = text.AsSpan().Trim();
        if (!span.ContainsAny(Breaks) && !ContainsControl(span))
        {
            return span.ToString();
        }

        var sb = new StringBuilder(span.Length);
        var pendingSpace = false;
        foreach (var c in span)
        {
            if (char.IsControl(c) || Breaks.Contains(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace && c != ' ')
            {
                sb.Append(' ');
            }

            pendingSpace = false;
            sb.Append(c);
        }

        return sb.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Breaks = System.Buffers.SearchValues.Create("\u2028\u2029\u0085");

    private static bool ContainsControl(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    private static string Whole(double value) => Math.Max(1, (int)Math.Floor(value)).ToString(CultureInfo.InvariantCulture);
}
