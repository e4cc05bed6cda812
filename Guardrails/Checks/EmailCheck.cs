using System.Buffers;
using System.Text.RegularExpressions;

namespace Guardrails.Checks;

/// <summary>E-mail addresses, redacted to <c>[EMAIL]</c>. Rejects the shapes code is full of: SSH remotes
/// (<c>git@github.com:org/repo</c>), retina assets (<c>icon@2x.png</c>), package pins (<c>lodash@4.17.21</c>),
/// credentials inside URLs (left to the secret check), and domains ending in a file extension, unless what precedes
/// the extension is an address (<c>jane.doe@example.com.pdf</c>: the address is found, the extension kept). Addresses
/// disguised with a spelled or bracketed at or dot are found too (<c>EmailCheck.Disguised.cs</c>).</summary>
internal sealed partial class EmailCheck : IGuardrailCheck
{
    public const string Rule = "pii.email";

    private static readonly HashSet<string> FileExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        "png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp", "tif", "tiff", "avif", "heic",
        "js", "mjs", "cjs", "ts", "tsx", "jsx", "css", "scss", "sass", "less", "html", "htm", "json", "xml",
        "yaml", "yml", "md", "txt", "csv", "pdf", "gz", "tgz", "tar", "exe", "dll", "so", "dylib", "py", "pyc",
        "rb", "java", "kt", "kts", "rs", "cs", "cpp", "hpp", "cc", "hh", "php", "sh", "bash", "ps1", "lock", "log",
        "ini", "cfg", "conf", "toml", "vue", "svelte", "wasm", "map", "woff", "woff2", "ttf", "otf", "eot",
        "mp3", "mp4", "wav", "ogg", "webm", "mov", "avi", "zip", "jar", "war", "class", "swift", "lua", "sql",
        "proto", "gradle", "props", "targets", "csproj", "sln", "tmp", "bak", "old", "orig", "dat", "bin",
        "shape", "dtype", "size", "length", "value", "values", "data", "item", "items", "name", "type", "id",
        "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "eml", "msg", "vcf", "ics", "epub",
        "tsv", "rar", "backup",
    };

    // "id" is an attribute in code ("row@user.id") and Indonesia's country code: under the second-level domains
    // Indonesian addresses use (budi@perusahaan.co.id, dosen@ui.ac.id) it is an address.
    private static readonly HashSet<string> IndonesianSecondLevel = new(StringComparer.OrdinalIgnoreCase)
    {
        "co", "ac", "go", "or", "web", "sch", "my", "net", "biz", "mil", "ponpes", "desa",
    };

    // Top-level domains an address ends in often enough to tell "jane.doe@example.com.pdf" (a file named after an
    // address) from "bundle@app.min.js" or "q@k.transpose(" (code): the generic ones, and any two-letter country code.
    private static readonly HashSet<string> CommonTopLevelDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "pro", "mobi", "aero", "coop", "museum",
        "travel", "jobs", "tel", "asia", "cat", "app", "dev", "tech", "online", "site", "store", "shop", "cloud",
        "email", "xyz", "top", "club", "blog", "news", "live", "life", "world", "group", "company", "agency",
        "digital", "media", "studio", "design", "global", "solutions", "services", "systems", "network", "health",
        "law", "bank", "finance", "insurance", "school", "academy", "university", "local", "internal", "corp", "lan",
    };

    public string Family => RuleFamilies.Pii;

    public int StreamWindow => 110;

    public IEnumerable<Detection> Detect(string text, CheckContext context)
    {
        var disguised = FindDisguised(text).ToList();
        foreach (var (start, length) in disguised)
        {
            yield return new Detection(Rule, start, length, Placeholders.Email, Continuation: SpanContinuation.HostName);
        }

        if (!text.Contains('@', StringComparison.Ordinal))
        {
            yield break;
        }

        foreach (System.Text.RegularExpressions.Match match in Candidate().Matches(text))
        {
            var length = AddressLength(text, match.Index, match.Length);
            if (length > 0 && !disguised.Exists(d => d.Start <= match.Index && d.Start + d.Length >= match.Index + length))
            {
                yield return new Detection(Rule, match.Index, length, Placeholders.Email, Continuation: SpanContinuation.HostName);
            }
        }

        if (text.Contains("@[", StringComparison.Ordinal))
        {
            foreach (System.Text.RegularExpressions.Match match in AddressLiteral().Matches(text))
            {
                if (System.Net.IPAddress.TryParse(match.Groups["ip"].ValueSpan, out _))
                {
                    yield return new Detection(Rule, match.Index, match.Length, Placeholders.Email);
                }
            }
        }
    }

    /// <summary>How much of a candidate is an address: all of it, the part before a file extension
    /// (<c>jane.doe@example.com.pdf</c>), or nothing.</summary>
    private static int AddressLength(string text, int start, int length)
    {
        var value = text.AsSpan(start, length);
        var at = value.IndexOf('@');
        var end = length;
        var tld = TopLevelLabel(value, end);
        if (FileExtensions.Contains(tld) && !IsIndonesian(value, tld))
        {
            // A file named after an address keeps its extension ("jane.doe@example.com.pdf", ".pdf.zip"); what is
            // left must still end in a top-level domain addresses use, so "icon@2x.png", "report@final.pdf" and
            // "bundle@app.min.js" stay code and file names.
            for (var i = 0; i < 3 && FileExtensions.Contains(tld); i++)
            {
                end = value[..end].LastIndexOf('.');
                if (value[(at + 1)..end].IndexOf('.') < 0)
                {
                    return 0;
                }

                tld = TopLevelLabel(value, end);
            }

            if (!IsCommonTopLevelDomain(tld))
            {
                return 0;
            }
        }

        // An '@' in a URL's authority is no address: https://user@host/ names an account, and scheme://user:password@host
        // (the password may hold an '@' of its own: "mongodb+srv://admin:p@ss!x@cluster0...") is a credential left to
        // the secret check. "email:jane@example.com", "mailto:jane@..." and an address down a URL's path are addresses.
        if (IsInUrlAuthority(text, start))
        {
            return 0;
        }

        var after = TextContext.After(text, start + end, 64);
        if (after.Length >= 2 && after[0] == ':' && (char.IsLetterOrDigit(after[1]) || after[1] is '/' or '~') && IsRemotePath(after[1..]))
        {
            return 0; // git@host:org/repo, scp targets, user@host:22
        }

        // A method call on a name ("q@k.transpose(-2, -1)") or an identifier going on ("x@y.attr_name") is code
        // unless the domain ends like an address's ("jane@example.com(home)", "jane@example.com_2024.csv").
        if (after.Length >= 1 && after[0] is '(' or '_' && !IsCommonTopLevelDomain(tld))
        {
            return 0;
        }

        // Local parts that are all punctuation or pure version numbers are not mailboxes.
        foreach (var c in value[..at])
        {
            if (char.IsLetterOrDigit(c))
            {
                return end;
            }
        }

        return 0;
    }

    private static bool IsIndonesian(ReadOnlySpan<char> value, string tld)
    {
        if (!tld.Equals("id", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var domain = value[..^3];
        return IndonesianSecondLevel.Contains(domain[(domain.LastIndexOfAny('.', '@') + 1)..].ToString());
    }

    private static string TopLevelLabel(ReadOnlySpan<char> value, int end) => value[(value[..end].LastIndexOf('.') + 1)..end].ToString();

    private static bool IsCommonTopLevelDomain(string tld) =>
        !FileExtensions.Contains(tld) && (CommonTopLevelDomains.Contains(tld) || (tld.Length == 2 && char.IsLetter(tld[0]) && char.IsLetter(tld[1])));

    /// <summary>True when <paramref name="start"/> lies between a URL's <c>://</c> and the end of its authority. The
    /// authority ends at '/', '?', '#' and at what no URI holds ('"', '&lt;', '&gt;', '`', '{', '}'), so in compact
    /// JSON or CSV (<c>"https://acme.com","jane@acme.com"</c>, <c>Acme,https://acme.com,jane@acme.com</c>) the
    /// address after the URL is no part of it. ',', ';', an apostrophe, brackets and parentheses may sit in a
    /// password (<c>postgres://app:ab,cd@db</c>), so they end it only where no password has begun: before any ':', or
    /// after a port (<c>https://acme.com:8443,jane@acme.com</c>).</summary>
    private static bool IsInUrlAuthority(string text, int start)
    {
        var word = PrecedingWord(text, start);
        var scheme = word.LastIndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return false;
        }

        var authority = word[(scheme + 3)..];
        if (authority.IndexOfAny(AuthorityEnds) >= 0)
        {
            return false;
        }

        var delimiter = authority.IndexOfAny(",;'()[]");
        if (delimiter < 0)
        {
            return true;
        }

        var colon = authority[..delimiter].IndexOf(':');
        return colon >= 0 && authority[(colon + 1)..delimiter].ContainsAnyExcept("0123456789");
    }

    private static readonly SearchValues<char> AuthorityEnds = SearchValues.Create("/?#\"<>`{}");

    /// <summary>The non-blank run that ends at <paramref name="end"/>.</summary>
    private static ReadOnlySpan<char> PrecedingWord(string text, int end)
    {
        var before = TextContext.Before(text, end, 80);
        var blank = before.LastIndexOfAny(' ', '\t', '\n');
        return blank < 0 ? before : before[(blank + 1)..];
    }

    /// <summary>What follows <c>user@host:</c> in an SSH remote or scp target (a path, a home-relative file or a
    /// port), as opposed to a word or a password run on without a space ("jane@example.com:hunter2").</summary>
    private static bool IsRemotePath(ReadOnlySpan<char> rest)
    {
        var blank = rest.IndexOfAny(' ', '\t', '\n');
        var target = blank < 0 ? rest : rest[..blank];
        return target.IndexOfAny('/', '~', '.') >= 0 || !target.ContainsAnyExcept("0123456789");
    }

    // Letters and digits of the spaced scripts (internationalised addresses: jürgen@müller.de, José.Pérez@correo.es,
    // Cyrillic, Greek...), '%' and an apostrophe inside the local part (o'brien@example.ie); an apostrophe never
    // starts one, so a quoted 'jane@acme.com' is still found without its quote. Scripts written without spaces (Han,
    // kana, Thai) are not address letters: in "请发邮件到support@example.com谢谢" the address is what sits between them,
    // and a run of them before an address must neither be swallowed into it nor stop it being found.
    private const string Letter = @"[\p{L}-[\p{IsCJKUnifiedIdeographs}\p{IsCJKUnifiedIdeographsExtensionA}\p{IsCJKCompatibilityIdeographs}\p{IsHiragana}\p{IsKatakana}\p{IsThai}]]";
    private const string Word = @"\p{M}\p{N}";

    [GeneratedRegex(@"(?<![" + Word + @"._%+\-@]|" + Letter + @")(?:" + Letter + @"|\p{N})(?:" + Letter + @"|[" + Word + @"._%+\-']){0,63}@(?:(?:" + Letter + @"|\p{N})(?:(?:" + Letter + @"|[" + Word + @"\-]){0,61}(?:" + Letter + @"|[" + Word + @"]))?\.){1,5}" + Letter + @"{2,24}(?!" + Letter + @"|[" + Word + @"\-@]|\.(?:" + Letter + @"|\p{N}))",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Candidate();

    // An address whose domain is an IPv4 literal (RFC 5321): jane@[192.0.2.10].
    [GeneratedRegex(@"(?<![" + Word + @"._%+\-@]|" + Letter + @")(?:" + Letter + @"|\p{N})(?:" + Letter + @"|[" + Word + @"._%+\-']){0,63}@\[(?<ip>(?:\d{1,3}\.){3}\d{1,3})\]",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AddressLiteral();
}
