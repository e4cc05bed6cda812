using System.Text;
using System.Text.RegularExpressions;

namespace Guardrails.Checks;

/// <summary>Prompt injection and jailbreak attempts as a score: each tell in <see cref="InjectionSignals"/> weighs
/// in and tells combine as a noisy-OR, and so do payloads hidden from a reader:
/// base64 or hex that decodes to an injection, ROT13, Unicode tag characters, zero-width runs and bidi
/// overrides. One finding per text, named for the strongest tell, when the score reaches
/// <c>thresholds.injection</c> (default 0.5).</summary>
internal sealed partial class PromptInjectionCheck : IGuardrailCheck
{
    public const double DefaultThreshold = 0.5;
    private const int MaxDepth = 2;
    private const int MaxDecodedCandidates = 16;

    /// <summary>Texts longer than this are assessed on their <see cref="BlankRuns"/> view when it is much shorter.</summary>
    private const int CompactAbove = 4096;

    /// <summary>Builds the packed tell patterns (tens of milliseconds) here, when the check is created with the
    /// pipeline, not inside the first text's check time budget.</summary>
    public PromptInjectionCheck() => _ = InjectionSignals.TellGroups;

    public string Family => RuleFamilies.Injection;

    public int StreamWindow => 0;

    public IEnumerable<Detection> Detect(string text, CheckContext context)
    {
        var threshold = context.Policy.Threshold("injection", DefaultThreshold);
        var compact = text.Length > CompactAbove ? BlankRuns.Compact(text) : null;
        var assessment = Assess(compact?.Text ?? text, 0, context.Budget);
        if (assessment.Score >= threshold && assessment.TopRule is { } rule)
        {
            (int start, int length) = compact is null ? (assessment.Start, assessment.Length) : compact.ToOriginal(assessment.Start, assessment.Length);
            yield return new Detection(rule, start, length, Placeholders.Redacted, Math.Round(assessment.Score, 3));
        }
    }

    /// <summary>The injection score of <paramref name="text"/> in 0..1 (for tests and tuning).</summary>
    internal static double Score(string text) => Assess(text, 0, null).Score;

    private static Assessment Assess(string text, int depth, CheckBudget? budget)
    {
        // Every distinct tell counts once; the finding is named for the strongest.
        var tells = new List<(string Rule, double Weight, int Start, int Length)>();
        void Add(string rule, double weight, int start, int length) => tells.Add((rule, weight, start, length));

        // One pass tells whether any tell is there at all; only then is each one looked for.
        budget?.ThrowIfExceeded();
        if (InjectionSignals.HasAnyTell(text))
        {
            foreach (var signal in InjectionSignals.All)
            {
                budget?.ThrowIfExceeded();
                var match = signal.Pattern.Match(text);
                if (match.Success)
                {
                    Add(signal.Rule, signal.Weight, match.Index, match.Length);
                }
            }
        }

        AddHidden(text, depth, budget, Add);
        if (depth < MaxDepth)
        {
            AddEncoded(text, depth, budget, Add);
        }

        if (tells.Count == 0)
        {
            return default;
        }

        var keep = 1.0;
        foreach (var tell in tells)
        {
            keep *= 1 - tell.Weight;
        }

        var top = tells.MaxBy(t => t.Weight);
        return new Assessment(1 - keep, top.Rule, top.Start, Math.Max(1, top.Length));
    }

    private static void AddHidden(string text, int depth, CheckBudget? budget, Action<string, double, int, int> add)
    {
        // Unicode tag characters (U+E0000..U+E007F) spell ASCII invisibly.
        StringBuilder? tags = null;
        var firstTag = -1;
        var zeroWidth = 0;
        var firstZeroWidth = -1;
        var bidi = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\uDB40' && i + 1 < text.Length && text[i + 1] is >= '\uDC00' and <= '\uDC7F')
            {
                firstTag = firstTag < 0 ? i : firstTag;
                tags ??= new StringBuilder();
                var ascii = (char)(text[i + 1] - '\uDC00');
                if (ascii is >= ' ' and <= '~')
                {
                    tags.Append(ascii);
                }

                i++;
            }
            else if (c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\u2062' or '\u2063' or '\u2064' or '\uFEFF')
            {
                firstZeroWidth = firstZeroWidth < 0 ? i : firstZeroWidth;
                zeroWidth++;
            }
            else if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                bidi = bidi < 0 ? i : bidi;
            }
        }

        if (tags is not null)
        {
            var hidden = tags.ToString();
            var weight = depth < MaxDepth && Assess(hidden, depth + 1, budget).Score >= DefaultThreshold ? 0.95 : 0.6;
            add(InjectionSignals.HiddenText, weight, firstTag, 2);
        }

        if (zeroWidth >= 4)
        {
            add(InjectionSignals.HiddenText, 0.35, firstZeroWidth, 1);
        }

        if (bidi >= 0)
        {
            add(InjectionSignals.HiddenText, 0.3, bidi, 1);
        }
    }

    private static void AddEncoded(string text, int depth, CheckBudget? budget, Action<string, double, int, int> add)
    {
        var tried = 0;
        foreach (var match in EncodedRuns.Base64(text))
        {
            if (++tried > MaxDecodedCandidates)
            {
                break;
            }

            if (TryDecodeBase64(text.AsSpan(match.Index, match.Length), out var decoded) && Assess(decoded, depth + 1, budget).Score >= DefaultThreshold)
            {
                add(InjectionSignals.EncodedPayload, 0.85, match.Index, match.Length);
                return;
            }
        }

        foreach (var match in EncodedRuns.Hex(text))
        {
            if (++tried > MaxDecodedCandidates)
            {
                break;
            }

            if (TryDecodeHex(text.AsSpan(match.Index, match.Length), out var decoded) && Assess(decoded, depth + 1, budget).Score >= DefaultThreshold)
            {
                add(InjectionSignals.EncodedPayload, 0.85, match.Index, match.Length);
                return;
            }
        }

        // Letters swapped for lookalike digits ("1gn0r3 4ll pr3v10us 1nstruct10ns") or spaced apart ("i g n o r e  a l l
        // ..."): the text read back as letters and words is assessed like a decoded payload.
        foreach (var (view, start, length) in new[] { Deleet(text), Unspace(text) })
        {
            budget?.ThrowIfExceeded();
            if (view is not null && Assess(view, MaxDepth, budget).Score >= DefaultThreshold)
            {
                add(InjectionSignals.EncodedPayload, 0.8, start, length);
                return;
            }
        }

        var rot = RotMention().Match(text);
        if (rot.Success && Assess(Rot13(text), depth + 1, budget).Score >= DefaultThreshold)
        {
            add(InjectionSignals.EncodedPayload, 0.8, rot.Index, rot.Length);
        }
    }

    /// <summary>The text with leetspeak read back ("1gn0r3" as "ignore", "pr3v10us" as "previous"): in each word that
    /// mixes letters with 0, 1, 3, 4, 5, 7, @ or $, those read as o, i, e, a, s, t, a, s. Null unless two words or more
    /// change; with the span from the first changed word to the last.</summary>
    internal static (string? View, int Start, int Length) Deleet(string text)
    {
        char[]? chars = null;
        int changed = 0, first = -1, last = -1;
        for (var i = 0; i < text.Length;)
        {
            if (!IsLeetWordChar(text[i]))
            {
                i++;
                continue;
            }

            var end = i;
            bool letters = false, leet = false;
            while (end < text.Length && IsLeetWordChar(text[end]))
            {
                letters |= char.IsAsciiLetter(text[end]);
                leet |= LeetLetter(text[end]) != '\0';
                end++;
            }

            if (letters && leet)
            {
                chars ??= text.ToCharArray();
                for (var k = i; k < end; k++)
                {
                    if (LeetLetter(text[k]) is var letter and not '\0')
                    {
                        chars[k] = letter;
                    }
                }

                changed++;
                first = first < 0 ? i : first;
                last = end;
            }

            i = end;
        }

        return changed >= 2 ? (new string(chars!), first, last - first) : (null, 0, 0);
    }

    private static bool IsLeetWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '@' or '$';

    private static char LeetLetter(char c) => c switch
    {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '@' => 'a',
        '$' => 's',
        _ => '\0',
    };

    /// <summary>The text with letters spaced apart joined up ("i g n o r e   a l l" as "ignore all"): runs of six or
    /// more single letters or digits each followed by one space become one word. Null when there is none; with the
    /// span from the first run to the last.</summary>
    internal static (string? View, int Start, int Length) Unspace(string text)
    {
        System.Text.StringBuilder? view = null;
        int copied = 0, first = -1, last = -1;
        for (var i = 0; i < text.Length;)
        {
            if (!IsSingle(text, i))
            {
                i++;
                continue;
            }

            var end = i;
            var count = 1;
            while (end + 2 < text.Length && text[end + 1] == ' ' && IsSingle(text, end + 2))
            {
                end += 2;
                count++;
            }

            if (count >= 6)
            {
                view ??= new System.Text.StringBuilder(text.Length);
                view.Append(text, copied, i - copied);
                for (var k = i; k <= end; k += 2)
                {
                    view.Append(text[k]);
                }

                copied = end + 1;
                first = first < 0 ? i : first;
                last = end + 1;
            }

            i = end + 1;
        }

        return view is null ? (null, 0, 0) : (view.Append(text, copied, text.Length - copied).ToString(), first, last - first);
    }

    private static bool IsSingle(string text, int at) =>
        char.IsLetterOrDigit(text[at]) && (at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (at + 1 == text.Length || !char.IsLetterOrDigit(text[at + 1]));

    private static bool TryDecodeBase64(ReadOnlySpan<char> run, out string decoded)
    {
        decoded = string.Empty;
        var normalized = run.ToString().Replace('-', '+').Replace('_', '/').TrimEnd('=');
        normalized = normalized.PadRight(normalized.Length + ((4 - (normalized.Length % 4)) % 4), '=');
        var buffer = new byte[normalized.Length];
        if (!Convert.TryFromBase64String(normalized, buffer, out var written))
        {
            return false;
        }

        return TryPrintable(buffer.AsSpan(0, written), out decoded);
    }

    private static bool TryDecodeHex(ReadOnlySpan<char> run, out string decoded)
    {
        decoded = string.Empty;
        var clean = run.ToString().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\\x", string.Empty, StringComparison.Ordinal);
        if (clean.Length % 2 != 0)
        {
            return false;
        }

        try
        {
            return TryPrintable(Convert.FromHexString(clean), out decoded);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool TryPrintable(ReadOnlySpan<byte> bytes, out string decoded)
    {
        decoded = Encoding.UTF8.GetString(bytes);
        var printable = 0;
        foreach (var c in decoded)
        {
            if (c is >= ' ' and <= '~' or '\n' or '\r' or '\t')
            {
                printable++;
            }
        }

        return decoded.Length >= 8 && printable >= decoded.Length * 0.9;
    }

    private static string Rot13(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c switch
            {
                >= 'a' and <= 'z' => (char)('a' + ((c - 'a' + 13) % 26)),
                >= 'A' and <= 'Z' => (char)('A' + ((c - 'A' + 13) % 26)),
                _ => c,
            };
        }
    });

    private readonly record struct Assessment(double Score, string? TopRule, int Start, int Length);

    [GeneratedRegex(@"\brot[\s\-]?13\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex RotMention();
}
