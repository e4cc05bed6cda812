using System.Globalization;
using System.Text;
using Microsoft.SemanticKernel;

namespace Gateway.Prompts;

/// <summary>A template variant rendered once with a marker in place of each variable: literal text and variable slots
/// in order. <see cref="Fill"/> puts the values in the slots, which is what rendering with those values gives when the
/// template only inserts variables verbatim (the only thing a template here can do).</summary>
internal sealed class RenderSkeleton
{
    private const char Fence = '\u0001';
    private readonly string[] _literals;
    private readonly string[] _slots;

    private RenderSkeleton(string[] literals, string[] slots)
    {
        _literals = literals;
        _slots = slots;
    }

    /// <summary>The stand-in rendered for variable number <paramref name="index"/>.</summary>
    public static string Marker(int index) => $"{Fence}{index.ToString(CultureInfo.InvariantCulture)}{Fence}";

    /// <summary>The skeleton of a render made with <see cref="Marker"/> values, or null when the text cannot be taken
    /// apart unambiguously (a template with the fence character of its own), in which case callers render in full.</summary>
    public static RenderSkeleton? Parse(string rendered, IReadOnlyList<string> names)
    {
        var literals = new List<string>();
        var slots = new List<string>();
        var start = 0;
        while (true)
        {
            var open = rendered.IndexOf(Fence, start);
            if (open < 0)
            {
                literals.Add(rendered[start..]);
                return new RenderSkeleton([.. literals], [.. slots]);
            }

            var close = rendered.IndexOf(Fence, open + 1);
            if (close < 0 ||
                !int.TryParse(rendered.AsSpan(open + 1, close - open - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ||
                index >= names.Count)
            {
                return null;
            }

            literals.Add(rendered[start..open]);
            slots.Add(names[index]);
            start = close + 1;
        }
    }

    public string Fill(KernelArguments arguments)
    {
        var length = 0;
        foreach (var literal in _literals)
        {
            length += literal.Length;
        }

        var values = new string[_slots.Length];
        for (var i = 0; i < _slots.Length; i++)
        {
            values[i] = arguments.TryGetValue(_slots[i], out var value) ? value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;
            length += values[i].Length;
        }

        var text = new StringBuilder(length);
        for (var i = 0; i < _slots.Length; i++)
        {
            text.Append(_literals[i]).Append(values[i]);
        }

        return text.Append(_literals[^1]).ToString();
    }
}
