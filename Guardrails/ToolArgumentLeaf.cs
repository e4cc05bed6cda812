using System.Text;
using Guardrails.Abstractions;

namespace Guardrails;

/// <summary>One string value of a tool call's JSON arguments, placed in the checked view as <c>name: value</c>:
/// where its value sits in the view and how to write a redacted value back into the JSON.</summary>
internal sealed class ToolArgumentLeaf
{
    private readonly int _start;
    private readonly string _value;
    private readonly Action<string> _set;

    private ToolArgumentLeaf(int start, string value, Action<string> set)
    {
        _start = start;
        _value = value;
        _set = set;
    }

    public static ToolArgumentLeaf Add(StringBuilder view, string? name, string value, Action<string> set)
    {
        if (name is not null)
        {
            view.Append(name).Append(": ");
        }

        var leaf = new ToolArgumentLeaf(view.Length, value, set);
        view.Append(value).Append('\n');
        return leaf;
    }

    /// <summary>Replaces the parts of the value that <paramref name="spans"/> (view offsets) cover.</summary>
    public void Apply(string view, IReadOnlyList<RedactedSpan> spans)
    {
        var end = _start + _value.Length;
        var builder = new StringBuilder();
        var cursor = _start;
        foreach (var span in spans)
        {
            if (span.End <= _start || span.Start >= end)
            {
                continue;
            }

            var from = Math.Max(span.Start, _start);
            builder.Append(view, cursor, from - cursor).Append(span.Replacement);
            cursor = Math.Min(span.End, end);
        }

        if (cursor != _start)
        {
            builder.Append(view, cursor, end - cursor);
            _set(builder.ToString());
        }
    }
}
