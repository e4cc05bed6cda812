using Guardrails.Checks;

namespace Guardrails.Streaming;

/// <summary>Where a streamed window can safely be cut. Every PII and secret shape is a run of "risky" tokens:
/// ones with digits or symbols (<c>4111</c>, <c>+44</c>, <c>jane@acme</c>, <c>-----BEGIN</c>), short all-caps
/// groups (<c>NWBK</c> in an IBAN) or the words that introduce a credential (<c>password is</c>,
/// <c>Bearer</c>, <c>api key:</c>). A plain word followed by whitespace can neither start nor continue such a
/// run, so everything up to it may be sent at once; only the trailing run of risky tokens (and the last,
/// unfinished token) is held back. A plain word on either side of "at" or "dot" is held too, since a spelled-out
/// address ("jane dot doe at example dot com") is made of plain words, and so is the last complete word while no word
/// follows it yet, unless it is a word no address starts with ("and", "the"): "bob " may be followed by "at gmail.com".
/// Plain words after a password key on the same line are held as well, up to twelve: a passphrase is made of them.</summary>
internal static class HoldBackBoundary
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "bearer", "basic", "authorization", "password", "passwd", "passphrase", "pwd", "pass", "key", "keys", "token",
        "secret", "credential", "credentials", "api", "apikey", "is", "was", "begin", "end", "private", "rsa", "ec",
        "dsa", "openssh", "pgp", "encrypted", "block", "access", "client", "auth", "ssn", "iban",

        // A date of birth written with a month word ("born on March 14, 1985"): the month is held until the day follows.
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "januar",
        "februar", "märz", "juni", "juli", "oktober", "dezember", "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre", "enero", "febrero", "marzo", "abril", "mayo",
        "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    };

    /// <summary>The index in <paramref name="text"/> before which nothing can belong to a match still forming;
    /// <paramref name="sent"/> is the look-behind kept from text already sent (where a command line may have begun).</summary>
    public static int Find(ReadOnlySpan<char> text, ReadOnlySpan<char> sent = default)
    {
        var end = text.Length;

        // The last token is unfinished unless whitespace follows it.
        var joined = false;
        var lastComplete = end > 0 && char.IsWhiteSpace(text[end - 1]);
        if (end > 0 && !char.IsWhiteSpace(text[end - 1]))
        {
            var start = end;
            while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
            {
                start--;
            }

            joined = MayBecomeJoiner(text[start..end]);
            end = start;
        }

        // Walk back over complete tokens while they could be part of a multi-token match.
        while (end > 0)
        {
            var tokenEnd = end;
            while (tokenEnd > 0 && char.IsWhiteSpace(text[tokenEnd - 1]))
            {
                tokenEnd--;
            }

            var tokenStart = tokenEnd;
            while (tokenStart > 0 && !char.IsWhiteSpace(text[tokenStart - 1]))
            {
                tokenStart--;
            }

            var token = text[tokenStart..tokenEnd];
            var mayStartAddress = lastComplete && EmailCheck.MayBeSpelledLocal(token);
            lastComplete = false;
            if (tokenStart == tokenEnd || !(joined || mayStartAddress || IsRisky(token) || ContinuesNumber(text, tokenStart, tokenEnd) || IsJoiner(token)
                || IsJoiner(PreviousToken(text, tokenStart)) || MayBePassphraseWord(text, tokenStart, sent)))
            {
                return end;
            }

            joined = IsJoiner(token);
            end = tokenStart;
        }

        return 0;
    }

    /// <summary>True when the plain word at <paramref name="tokenStart"/> may belong to a passphrase still forming: on
    /// its line, after at most <see cref="MaxPassphraseWords"/> other words, stands a password key and its separator
    /// (<c>password:</c>, <c>PASSWORD="correct</c>, <c>--password</c>, "password is"). A passphrase is made of plain
    /// words ("password: correct horse battery staple"), which would otherwise be sent one by one before the end of
    /// the line or the closing quote showed them to be one.</summary>
    private static bool MayBePassphraseWord(ReadOnlySpan<char> text, int tokenStart, ReadOnlySpan<char> sent)
    {
        var start = tokenStart;
        for (var words = 0; words < MaxPassphraseWords; words++)
        {
            var end = start;
            while (end > 0 && text[end - 1] is ' ' or '\t')
            {
                end--;
            }

            if (end == 0 || text[end - 1] is '\n' or '\r')
            {
                return false;
            }

            start = end;
            while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
            {
                start--;
            }

            var token = text[start..end];
            if (IsPasswordLead(token) || (token is "is" or "was" && IsPasswordWordEnd(PreviousToken(text, start).TrimEnd("\"'")))
                || (token is "-N" or "-P" && IsSshKeygenLine(text, start, sent)))
            {
                return true;
            }

            var word = token.TrimStart("\"'`");
            if (word.IsEmpty || word.ContainsAnyExcept(WordCharacters))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>True when ssh-keygen stands earlier on the line that <paramref name="at"/> is on, in the pending text
    /// or, when that line began before it, in the <paramref name="sent"/> look-behind: its <c>-N</c> and <c>-P</c> take a
    /// passphrase ("ssh-keygen -N 'blue lamp seven river'").</summary>
    private static bool IsSshKeygenLine(ReadOnlySpan<char> text, int at, ReadOnlySpan<char> sent)
    {
        var line = text[..at];
        var lineBreak = line.LastIndexOfAny('\n', '\r');
        if (line[(lineBreak + 1)..].Contains("ssh-keygen", StringComparison.Ordinal))
        {
            return true;
        }

        return lineBreak < 0 && sent[(sent.LastIndexOfAny('\n', '\r') + 1)..].Contains("ssh-keygen", StringComparison.Ordinal);
    }

    private const int MaxPassphraseWords = 12;

    private static readonly System.Buffers.SearchValues<char> WordCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    /// <summary>A password key with its separator, alone or with the first word glued on: <c>password:</c>,
    /// <c>"password":</c>, <c>DB_PASSWORD="correct</c>, <c>pass:'silver</c>, <c>&lt;password&gt;correct</c>, <c>--password</c>,
    /// <c>--password="tangerine</c>, or the bare key (<c>password "mango river ..."</c>).</summary>
    private static bool IsPasswordLead(ReadOnlySpan<char> token)
    {
        var separator = token.LastIndexOfAny(':', '=', '>');
        if (separator < 0)
        {
            // "--password", or the bare key before a quoted value: password "mango river cloud piano".
            return IsPasswordWordEnd(token.TrimStart('-'));
        }

        var after = token[(separator + 1)..].TrimStart("\"'`");
        return !after.ContainsAnyExcept(WordCharacters) && IsPasswordWordEnd(token[..separator].TrimEnd(":=>\"'"));
    }

    private static bool IsPasswordWordEnd(ReadOnlySpan<char> key) =>
        key.EndsWith("password", StringComparison.OrdinalIgnoreCase) || key.EndsWith("passwd", StringComparison.OrdinalIgnoreCase)
        || key.EndsWith("passphrase", StringComparison.OrdinalIgnoreCase) || key.EndsWith("pwd", StringComparison.OrdinalIgnoreCase)
        || key.EndsWith("pass", StringComparison.OrdinalIgnoreCase);

    /// <summary>The words that join the parts of a spelled-out address ("jane dot doe at example dot com", "jane
    /// [at] example [dot] com"): a plain word next to one may be part of an address still forming.</summary>
    private static bool IsJoiner(ReadOnlySpan<char> token)
    {
        var word = token.TrimStart("([{").TrimEnd(")]}");
        return (word.IsEmpty && !token.IsEmpty) || word.Equals("at", StringComparison.OrdinalIgnoreCase) || word.Equals("dot", StringComparison.OrdinalIgnoreCase) || word is "@";
    }

    /// <summary>An unfinished last token that may still become a joiner ("d", "do", "a", "[").</summary>
    private static bool MayBecomeJoiner(ReadOnlySpan<char> token)
    {
        var word = token.TrimStart("([{");
        return word.IsEmpty || "dot".AsSpan().StartsWith(word, StringComparison.OrdinalIgnoreCase) || "at".AsSpan().StartsWith(word, StringComparison.OrdinalIgnoreCase) || word is "@";
    }

    /// <summary>A group of up to four letters right after a token with digits (<c>gb82 west</c>, a lowercase
    /// IBAN's bank code) may be the middle of a number, whatever its case.</summary>
    private static bool ContinuesNumber(ReadOnlySpan<char> text, int tokenStart, int tokenEnd)
    {
        var token = text[tokenStart..tokenEnd];
        if (token.Length > 4 || (token.ContainsAnyExceptInRange('a', 'z') && token.ContainsAnyExceptInRange('A', 'Z')))
        {
            return false;
        }

        return PreviousToken(text, tokenStart).IndexOfAnyInRange('0', '9') >= 0;
    }

    /// <summary>The complete token before the one that starts at <paramref name="tokenStart"/> (empty at the start).</summary>
    private static ReadOnlySpan<char> PreviousToken(ReadOnlySpan<char> text, int tokenStart)
    {
        var previousEnd = tokenStart;
        while (previousEnd > 0 && char.IsWhiteSpace(text[previousEnd - 1]))
        {
            previousEnd--;
        }

        var previousStart = previousEnd;
        while (previousStart > 0 && !char.IsWhiteSpace(text[previousStart - 1]))
        {
            previousStart--;
        }

        return text[previousStart..previousEnd];
    }

    /// <summary>A lowercase word of three letters or more with a number glued to its end ("word07", "item12", "page3"):
    /// a complete token of that shape cannot be part of a longer match. It is no group of an IBAN (those start with a
    /// two-letter country and run in groups of four), of a card, phone or SSN (digits only) and has no credential's
    /// symbols; a credential without spaces is one token, and the last, unfinished token is held back anyway.</summary>
    private static bool IsNumberedWord(ReadOnlySpan<char> token)
    {
        var letters = token.IndexOfAnyExceptInRange('a', 'z');
        return letters >= 3 && token.Length - letters <= 6 && !token[letters..].ContainsAnyExceptInRange('0', '9');
    }

    private static bool IsRisky(ReadOnlySpan<char> token)
    {
        var trimmed = token.TrimEnd(".,;!?)\"'");
        if (trimmed.IsEmpty)
        {
            return false;
        }

        if (IsNumberedWord(trimmed))
        {
            return false;
        }

        var upper = 0;
        foreach (var c in trimmed)
        {
            if (!char.IsAsciiLetter(c))
            {
                return true; // digits, symbols, non-ASCII
            }

            if (char.IsAsciiLetterUpper(c))
            {
                upper++;
            }
        }

        return (upper == trimmed.Length && trimmed.Length <= 8) || Keywords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(trimmed);
    }
}
