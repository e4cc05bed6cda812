namespace Guardrails.Checks;

/// <summary>A text derived from another (blank runs cut, lookalike characters undone) with, for each of its
/// characters, the offset in the original it came from, so what a check finds on it is reported on the original.</summary>
internal abstract class MappedText
{
    private readonly int[] _map;

    /// <param name="map">The original offset of each character of <paramref name="text"/>, then the original's length.</param>
    protected MappedText(string text, int[] map)
    {
        Text = text;
        _map = map;
    }

    public string Text { get; }

    /// <summary>The original span of the span [<paramref name="start"/>, +<paramref name="length"/>) of <see cref="Text"/>.</summary>
    public (int Start, int Length) ToOriginal(int start, int length)
    {
        var from = _map[start];
        var to = length == 0 ? from : _map[start + length - 1] + 1;
        return (from, to - from);
    }

    /// <summary><paramref name="detection"/> found on <see cref="Text"/>, moved onto the original text.</summary>
    public Detection ToOriginal(Detection detection)
    {
        var (start, length) = ToOriginal(detection.Start, detection.Length);
        return detection with { Start = start, Length = length };
    }
}
