namespace Guardrails.Checks;

/// <summary>Where a reader of a text that may be JSON stands, fed left to right: whether the text opened as a
/// JSON object or array, whether the reader is inside a string literal, and the last structural character
/// outside strings. Enough to tell that a redacted span stands where a bare value (a number) stands, so its
/// placeholder must be written as a string for the answer to stay JSON; streamed answers feed it chunk by chunk.</summary>
internal struct JsonTextState
{
    private byte _opened; // 0: nothing but blanks yet, 1: began with '{' or '[', 2: began otherwise
    private bool _inString;
    private bool _escaped;
    private char _lastOutside;

    /// <summary>True when the next character would be a value of a JSON container, outside any string: the text
    /// began with <c>{</c> or <c>[</c> and the last character outside strings is <c>:</c>, <c>[</c> or <c>,</c>.</summary>
    public readonly bool AtBareValue => _opened == 1 && !_inString && _lastOutside is ':' or '[' or ',';

    /// <summary>What JSON allows outside its strings: structure, numbers, and the letters of true, false and null.</summary>
    private static bool MayStandOutsideStrings(char c) =>
        c is '{' or '}' or '[' or ']' or ',' or ':' or '-' or '+' or '.' or (>= '0' and <= '9')
            or 't' or 'r' or 'u' or 'e' or 'f' or 'a' or 'l' or 's' or 'n' or 'E';

    public void Feed(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (_opened == 0)
            {
                if (char.IsWhiteSpace(c))
                {
                    continue;
                }

                _opened = c is '{' or '[' ? (byte)1 : (byte)2;
            }

            if (_opened == 2)
            {
                return;
            }

            if (_inString)
            {
                if (_escaped)
                {
                    _escaped = false;
                }
                else if (c == '\\')
                {
                    _escaped = true;
                }
                else if (c == '"')
                {
                    _inString = false;
                    _lastOutside = c;
                }

                continue;
            }

            if (c == '"')
            {
                _inString = true;
            }
            else if (!char.IsWhiteSpace(c))
            {
                if (!MayStandOutsideStrings(c))
                {
                    // "[1] See the notes", "[Note] ...", a markdown link: prose that opened with a bracket, not JSON.
                    _opened = 2;
                    return;
                }

                _lastOutside = c;
            }
        }
    }
}
