using System.Buffers;
using System.Text.RegularExpressions;

namespace Guardrails.Checks;

/// <summary>Addresses written to dodge harvesters: the <c>@</c> or the dots spelled out or bracketed
/// (<c>jane.doe(at)example.com</c>, <c>jane.doe [at] example [dot] com</c>, <c>jane@example{dot}com</c>) and, where
/// the shape leaves no doubt, in plain words (<c>jane dot doe at example dot com</c>).</summary>
internal sealed partial class EmailCheck
{
    // One vectorised search decides whether the pattern runs at all: every disguise holds a bracketed at or dot, or
    // a dot spelled between spaces (so "dotnet" or "anecdote" alone does not wake the pattern).
    private static readonly SearchValues<string> DisguiseHints = SearchValues.Create(
        ["at)", "at]", "at}", "at>", "at )", "at ]", "at }", "at >", "@)", "@]", "@}", "@>", "@ )", "@ ]", "@ }", "@ >", "dot)", "dot]", "dot}", "dot>",
         "dot )", "dot ]", "dot }", "dot >", " dot ", " @", "@ "],
        StringComparison.OrdinalIgnoreCase);

    // Top-level domains a spelled-out address ends in that no English sentence ends "at the dot ..." with. Other
    // two-letter country codes count unless they are words ("look at this dot in the sky", "dot it", "dot me").
    private static readonly HashSet<string> SpelledTopLevelDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "com", "org", "net", "edu", "gov", "mil", "info", "biz", "io", "ai", "co", "xyz", "dev",
    };

    private static readonly HashSet<string> TwoLetterWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "am", "an", "as", "at", "be", "by", "do", "go", "he", "hi", "if", "in", "is", "it", "me", "my", "no", "of",
        "oh", "ok", "on", "or", "so", "to", "up", "us", "we",
    };

    // Words that sit around "at" and "dot com" in prose ("look at this dot com bubble", "worked at a dot com",
    // "laughed at my dot org page"): no part of a spelled-out address is one of them.
    private static readonly HashSet<string> ProseWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our", "their", "some",
        "any", "no", "every", "each", "all", "one", "it", "me", "him", "us", "them", "you", "we", "they", "i", "he",
        "she", "who", "what", "which", "is", "was", "are", "were", "be", "been", "and", "or", "but", "of", "to", "in",
        "on", "for", "with", "from", "by", "as", "at", "dot", "not", "so", "if", "then", "than", "there", "here",
        "where", "when", "how", "more", "most", "least", "less", "home", "work", "works", "worked", "working", "look",
        "looks", "looked", "looking", "stare", "stared", "staring", "laugh", "laughed", "laughing", "aim", "aimed",
        "arrive", "arrived", "point", "pointed", "shop", "shopping", "buy", "bought", "sell", "sold", "available",
        "visit", "visited", "find", "found", "online", "posted", "listed", "hosted", "live", "lives", "lived", "up",
        "out", "sign", "signed", "learn", "read", "job", "jobs", "rich", "boom", "bust", "bubble", "era", "company",
        "startup", "crash", "old", "new", "big", "early", "late",
    };

    // Words that make what follows them a noun phrase ("a red dot sight at Walmart dot com", "the polka dot dress
    // at ..."): no mailbox is preceded by one.
    private static readonly HashSet<string> Determiners = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our", "their", "some",
        "any", "no", "every", "each", "another", "such",
    };

    // Domains that only ever follow a mailbox: "bob at gmail dot com" needs no mail word before it.
    private static readonly HashSet<string> MailProviders = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail", "googlemail", "yahoo", "ymail", "hotmail", "outlook", "icloud", "protonmail", "proton", "aol", "gmx",
        "yandex", "zoho", "fastmail", "tutanota", "mailbox", "posteo",
    };

    // Hosts that name code, packages and documentation, not mailboxes: "Polly.Core at nuget.org", "serde_json at github.com".
    private static readonly HashSet<string> CodeHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "github", "gitlab", "bitbucket", "sourceforge", "codeberg", "npmjs", "npm", "pypi", "nuget", "crates",
        "rubygems", "packagist", "maven", "mvnrepository", "docker", "hub", "readthedocs", "docs", "learn", "developer",
        "developers", "huggingface", "kaggle", "stackoverflow", "wikipedia", "youtube",
    };

    // First parts of dotted names in code ("order.total at checkout.com", "self.name", "data_science"): no mailbox's.
    private static readonly HashSet<string> CodeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "self", "this", "cls", "obj", "config", "settings", "options", "order", "orders", "user", "users", "app", "api",
        "data", "db", "report", "file", "files", "item", "items", "model", "models", "window", "document", "process",
        "os", "sys", "np", "pd", "req", "res", "request", "response", "ctx", "context", "event", "args", "props",
        "state", "env", "test", "tests", "module", "package", "system", "console", "math", "string", "list",
    };

    private enum AtForm
    {
        Symbol,
        SpacedSymbol,
        Bracketed,
        Spelled,
    }

    /// <summary>Spans of disguised addresses in <paramref name="text"/>; none unless a hint occurs.</summary>
    private static IEnumerable<(int Start, int Length)> FindDisguised(string text)
    {
        if (!text.AsSpan().ContainsAny(DisguiseHints) && !HasSpelledAtBeforeDomain(text))
        {
            yield break;
        }

        for (var from = 0; from < text.Length;)
        {
            var match = Disguised().Match(text, from);
            if (!match.Success)
            {
                yield break;
            }

            var length = DisguisedLength(text, match);
            if (length > 0)
            {
                yield return (match.Index, length);
                from = match.Index + length;
            }
            else
            {
                // A rejected shape may hide an address that starts inside it ("look at jane dot doe at ...").
                from = match.Index + 1;
            }
        }
    }

    /// <summary>How much of a candidate is a disguised address: up to its last label that is a top-level domain
    /// (trailing file extensions dropped, as for plain addresses), or nothing.</summary>
    private static int DisguisedLength(string text, Match match)
    {
        var labels = match.Groups["label"].Captures;
        var dots = match.Groups["dot"].Captures;
        var at = match.Groups["at"].ValueSpan;
        var form = at is "@" ? AtForm.Symbol : at.Trim(" \t") is "@" ? AtForm.SpacedSymbol
            : at.ContainsAny("([{<") ? AtForm.Bracketed : AtForm.Spelled;
        var locals = match.Groups["local"].Captures;
        if (!char.IsLetterOrDigit(locals[^1].ValueSpan[^1]))
        {
            return 0;
        }

        for (var last = labels.Count - 1; last >= Math.Max(1, labels.Count - 3); last--)
        {
            var tld = labels[last].Value;
            var disguisedDots = 0;
            for (var i = 0; i < last; i++)
            {
                disguisedDots += dots[i].ValueSpan is "." ? 0 : 1;
            }

            var end = labels[last].Index + labels[last].Length;
            var accepted = form switch
            {
                AtForm.Symbol => disguisedDots > 0 && IsCommonTopLevelDomain(tld),
                AtForm.SpacedSymbol => disguisedDots > 0 ? IsCommonTopLevelDomain(tld) : IsPlainDomainAddress(text, match.Index, locals, match.Groups["ldot"].Captures.Count, labels, last),
                AtForm.Bracketed => IsCommonTopLevelDomain(tld),
                _ => disguisedDots > 0
                    ? IsSpelledAddress(text, match.Index, locals, match.Groups["ldot"].Captures.Count, labels, last)
                    : IsPlainDomainAddress(text, match.Index, locals, match.Groups["ldot"].Captures.Count, labels, last),
            };
            if (accepted)
            {
                return end - match.Index;
            }
        }

        return 0;
    }

    /// <summary>"jane dot doe at example dot com": a spelled top-level domain, no word of prose in it, and a local
    /// part that is a mailbox's (dots, digits, '_', '-', '+'), a mail provider's domain ("bob at gmail dot com") or a
    /// mail word before it ("Email: jane at ...", "reach me at jane at ...").</summary>
    private static bool IsSpelledAddress(string text, int start, CaptureCollection locals, int localDots, CaptureCollection labels, int last)
    {
        var tld = labels[last].Value;
        if (!tld.All(char.IsAsciiLetter) || !(SpelledTopLevelDomains.Contains(tld)
            || (tld.Length == 2 && IsCommonTopLevelDomain(tld) && (!TwoLetterWords.Contains(tld) || last >= 2))))
        {
            return false;
        }

        foreach (Capture word in locals)
        {
            var value = word.Value;
            if (ProseWords.Contains(value.EndsWith("'s", StringComparison.OrdinalIgnoreCase) ? value[..^2] : value))
            {
                return false;
            }
        }

        if (Determiners.Contains(PreviousWord(text, start)))
        {
            return false;
        }

        for (var i = 0; i <= last; i++)
        {
            if (ProseWords.Contains(labels[i].Value))
            {
                return false;
            }
        }

        var compound = localDots > 0 || IsCompoundLocal(locals[0].Value, labels[0].Value);
        return compound || MailProviders.Contains(labels[0].Value) || TextContext.HasEmailCue(text, start)
            || IsRoleAddress(text, start, locals, localDots, labels, last);
    }

    /// <summary>True when <paramref name="token"/> may be the local part of a spelled-out address still forming ("bob",
    /// "jane.doe" before " at gmail.com" has come): a run of a mailbox's characters that is no prose word.</summary>
    internal static bool MayBeSpelledLocal(ReadOnlySpan<char> token)
    {
        if (token.IsEmpty || !char.IsLetterOrDigit(token[0]) || !char.IsLetterOrDigit(token[^1]))
        {
            return false;
        }

        foreach (var c in token)
        {
            if (!char.IsLetterOrDigit(c) && c is not ('.' or '_' or '-' or '+' or '\''))
            {
                return false;
            }
        }

        return !ProseWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(token);
    }

    /// <summary>"jane.doe at example.com", "jane.doe @ example.com": a spelled or spaced at before a domain written
    /// as usual. Prose says "at example.com" far more often than a spelled dot, so the local part must be a name's
    /// ("jane.doe", "j.smith", "jane_doe"; not "Node.js", "Python3.12", "gpt4", "order.total"), the domain a mail provider's ("bob at
    /// gmail.com"), or a mail word must lead to it ("Email: jane at example.com"); no part is a prose word, and a code
    /// or package host ("Polly.Core at nuget.org") is no mailbox's.</summary>
    private static bool IsPlainDomainAddress(string text, int start, CaptureCollection locals, int localDots, CaptureCollection labels, int last)
    {
        var tld = labels[last].Value;
        if (!tld.All(char.IsAsciiLetter) || !IsCommonTopLevelDomain(tld) || (TwoLetterWords.Contains(tld) && last < 2)
            || CodeHosts.Contains(labels[0].Value) || Determiners.Contains(PreviousWord(text, start)))
        {
            return false;
        }

        foreach (Capture word in locals)
        {
            var value = word.Value;
            if (ProseWords.Contains(value.EndsWith("'s", StringComparison.OrdinalIgnoreCase) ? value[..^2] : value))
            {
                return false;
            }
        }

        for (var i = 0; i <= last; i++)
        {
            if (ProseWords.Contains(labels[i].Value))
            {
                return false;
            }
        }

        return (localDots == 0 && IsNameLocal(locals[0].Value)) || MailProviders.Contains(labels[0].Value) || TextContext.HasEmailCue(text, start)
            || IsRoleAddress(text, start, locals, localDots, labels, last);
    }

    /// <summary>"support at acme.com", "write to sales at contoso.co.uk": a one-word local part that is a role
    /// mailbox's name (support, sales, info, billing...) before a domain written with real dots. Prose puts the same
    /// words there ("Sales at Amazon.com rose", "head of security at google.com said", "support at acme.com's office"),
    /// so no preposition may come before it, and unless a word of asking or writing does ("contact", "ask", "email",
    /// "try"...), the role word and the domain are lower case and nothing but the end of the text, a line or a clause
    /// follows it (a closing mark or punctuation other than ':', '?' or '!', or "for", "or", "if", "anytime"...).</summary>
    private static bool IsRoleAddress(string text, int start, CaptureCollection locals, int localDots, CaptureCollection labels, int last)
    {
        if (localDots > 0 || locals.Count != 1 || !RoleMailboxes.Contains(locals[0].Value))
        {
            return false;
        }

        var previous = PreviousWord(text, start);
        if (NotBeforeMailbox.Contains(previous))
        {
            return false;
        }

        var after = TextContext.After(text, labels[last].Index + labels[last].Length);
        if (after.Length >= 2 && after[0] is '\'' or '\u2019' && after[1] is 's' or 'S')
        {
            return false; // "acme.com's office"
        }

        if (ContactWords.Contains(previous))
        {
            return true;
        }

        // Capitalised, the role word or the domain opens a sentence or names a company ("Sales at Microsoft.com",
        // "Security at google.com: a talk"): prose unless a word of asking or writing came before. So is a role word a
        // verb governs ("we compared support at acme.com."): without a word of asking, the mailbox opens the text, a
        // line or a clause, or follows a word that leads to an address ("go to abuse at ...", "the DPO at privacy at ...").
        return !char.IsUpper(locals[0].Value[0]) && !char.IsUpper(labels[0].Value[0]) && AddressLeadIns.Contains(previous) && EndsClause(after);
    }

    /// <summary>True when <paramref name="after"/> (what follows a candidate address) opens with the end of the text,
    /// a line or a clause: a closing mark or punctuation other than '?' and '!', or a word that follows an address ("for", "or", "if"...).</summary>
    private static bool EndsClause(ReadOnlySpan<char> after)
    {
        if (after.IsEmpty || after[0] is '\n' or '\r')
        {
            return true;
        }

        if (after[0] is '.' or ',' or ';' or ')' or ']' or '>' or '"' or '\'' or '\u201D' or '\u2019')
        {
            // A mark that ends the address, not one inside a longer name ("bbc.co" of "bbc.co.uk").
            return after.Length == 1 || !char.IsLetterOrDigit(after[1]);
        }

        var rest = after.TrimStart(" \t");
        if (rest.IsEmpty || rest[0] is '\n' or '\r' or '(' or '-' or '\u2013' or '\u2014')
        {
            return true;
        }

        var word = rest;
        var end = 0;
        while (end < word.Length && char.IsLetter(word[end]))
        {
            end++;
        }

        return end == word.Length
            ? false // cut off by the look-ahead window: an unknown word
            : AfterMailbox.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word[..end]);
    }

    // Mailboxes named for a role or department (RFC 2142's and their common kin): a one-word local part that is one
    // of these is an address before a mail domain, where another word would be prose ("we met at google.com"). Not the
    // ones that name an activity after "email" as often as a mailbox ("Email marketing at scale.com", "social media").
    private static readonly HashSet<string> RoleMailboxes = new(StringComparer.OrdinalIgnoreCase)
    {
        "support", "sales", "info", "help", "helpdesk", "contact", "contacts", "hello", "admin", "administrator",
        "billing", "accounts", "accounting", "invoices", "invoice", "payments", "enquiries", "enquiry", "inquiries",
        "inquiry", "feedback", "press", "careers", "recruiting", "recruitment", "hr", "privacy", "dpo", "gdpr",
        "security", "abuse", "postmaster", "webmaster", "hostmaster", "noreply", "no-reply", "donotreply", "office",
        "legal", "compliance", "service", "customerservice", "customercare", "care", "bookings",
        "booking", "reservations", "partners", "partnerships", "investors", "returns", "refunds",
        "editor", "editors", "reception", "frontdesk", "orders", "hiring",
    };

    // Words before a role word that make it prose: "head of sales at ...", "works in support at ...".
    private static readonly HashSet<string> NotBeforeMailbox = new(StringComparer.OrdinalIgnoreCase)
    {
        "of", "in", "on", "for", "from", "with", "by", "about", "into", "over", "under", "than", "like",
        "across", "within", "without", "and", "our", "their", "whose",
    };

    // Words of asking or writing before a role mailbox: "contact support at acme.com", "ask help at ...".
    private static readonly HashSet<string> ContactWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "contact", "contacting", "email", "mail", "emailing", "write", "writing", "message", "ping", "ask", "try",
        "cc", "bcc", "reach", "notify", "alert", "copy", "via",
    };

    // Words (or none: the start of the text, a line or a clause) before a role mailbox no word of asking precedes.
    private static readonly HashSet<string> AddressLeadIns = new(StringComparer.OrdinalIgnoreCase)
    {
        "", "to", "at", "is", "was", "are", "or", "either", "cc", "attn",
    };

    // Words that follow an address in a sentence about writing to it: "contact support at acme.com for help".
    private static readonly HashSet<string> AfterMailbox = new(StringComparer.OrdinalIgnoreCase)
    {
        "for", "or", "if", "anytime", "directly", "today", "instead", "please", "asap", "quoting", "mentioning",
        "including", "attaching",
    };

    /// <summary>Two or three names joined by '.' or '_' ("jane.doe", "j.smith", "mary_ann.lee42"): the last has three
    /// letters or more and is neither a top-level domain nor a file extension ("ASP.NET", "Node.js", "README.md").</summary>
    private static bool IsNameLocal(string local)
    {
        var parts = local.Split('.', '_');
        if (parts.Length is < 2 or > 3 || local.All(c => !char.IsLetter(c) || char.IsUpper(c)) || CodeWords.Contains(parts[0]))
        {
            return false;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            var letters = i == parts.Length - 1 ? parts[i].TrimEnd(Digits) : parts[i];
            if (letters.Length == 0 || !letters.All(char.IsLetter))
            {
                return false;
            }
        }

        var lastName = parts[^1].TrimEnd(Digits);
        return lastName.Length > 2 && !FileExtensions.Contains(lastName) && !CommonTopLevelDomains.Contains(lastName);
    }

    /// <summary>True when " at " is followed by a word holding a dot before a letter ("at example.com"): only then can a
    /// spelled at with a plain domain occur, so prose with neither does not wake the pattern.</summary>
    private static bool HasSpelledAtBeforeDomain(string text)
    {
        var span = text.AsSpan();
        for (var i = span.IndexOf(" at ", StringComparison.OrdinalIgnoreCase); i >= 0;)
        {
            var word = span[(i + 4)..];
            var end = word.IndexOfAny(" \t\r\n");
            word = end < 0 ? word : word[..end];
            var dot = word.IndexOf('.');
            if (dot > 0 && dot < word.Length - 1 && char.IsLetter(word[dot + 1]))
            {
                return true;
            }

            var next = span[(i + 1)..].IndexOf(" at ", StringComparison.OrdinalIgnoreCase);
            i = next < 0 ? -1 : i + 1 + next;
        }

        return false;
    }

    /// <summary>The word right before <paramref name="start"/> across blanks, or nothing when something else is there.</summary>
    private static string PreviousWord(string text, int start)
    {
        var before = TextContext.Before(text, start, 24).TrimEnd(" \t");
        var word = before.Length - 1;
        while (word >= 0 && char.IsLetter(before[word]))
        {
            word--;
        }

        return before[(word + 1)..].ToString();
    }

    /// <summary>A one-word local part with a mailbox's marks ("jane.doe", "jane_doe", "jsmith42"); a version or
    /// section number does not count ("4.2", "Python3" at python dot org, "Python3.12", "Java17").</summary>
    private static bool IsCompoundLocal(string local, string domain)
    {
        var letters = local.TrimEnd("0123456789.");
        if (letters.Length == 0 || (letters.Length < local.Length && char.IsAsciiDigit(local[letters.Length])
            && (letters.Equals(domain, StringComparison.OrdinalIgnoreCase) || (char.IsUpper(letters[0]) && !letters[1..].ContainsAny(Marks)))))
        {
            return false;
        }

        return local.AsSpan().ContainsAny(Marks);
    }

    private static readonly char[] Digits = "0123456789".ToCharArray();

    private static readonly SearchValues<char> Marks = SearchValues.Create("._-+0123456789");

    private const string AddressStart = "(?:" + Letter + @"|\p{N})";
    private const string Open = @"[ \t]*[(\[{<][ \t]*";
    private const string Close = @"[ \t]*[)\]}>][ \t]*";
    private const string SpelledDot = " +(?:dot|DOT|Dot) +";
    private const string BracketedDot = Open + "(?i:dot)" + Close;
    private const string LocalRun = AddressStart + "(?:" + Letter + "|[" + Word + @"._%+\-']){0,63}";
    private const string Label = AddressStart + "(?:(?:" + Letter + "|[" + Word + @"\-]){0,61}(?:" + Letter + "|[" + Word + "]))?";

    // local ("jane.doe", or words joined by a spelled or bracketed dot), the at ("(at)", "[@]", " at ", "@"), then two
    // to six labels joined by dots of any form. Which forms occur, and whether that makes an address, is judged in code.
    [GeneratedRegex(
        @"(?<![" + Word + @"._%+\-@]|" + Letter + @"|\p{L}['\u2019])(?<local>" + LocalRun + @")(?:(?<ldot>" + BracketedDot + "|" + SpelledDot + @")(?<local>" + LocalRun + @")){0,3}"
        + @"(?<at>" + Open + "(?i:at|@)" + Close + @"| +(?:at|AT) +|[ \t]*@[ \t]*)"
        + @"(?<label>" + Label + @")(?:(?<dot>\.|" + BracketedDot + "|" + SpelledDot + @")(?<label>" + Label + @")){1,5}"
        + @"(?!" + Letter + @"|[" + Word + @"\-@]|\.(?:" + Letter + @"|\p{N}))",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Disguised();
}
