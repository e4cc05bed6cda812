using System.Text.RegularExpressions;

namespace Guardrails.Checks;

/// <summary>E-mail addresses, redacted to <c>[EMAIL]</c>. Rejects the shapes code is full of: SSH remotes
/// (<c>git@github.com:org/repo</c>), retina assets (<c>icon@2x.png</c>), package pins (<c>lodash@4.17.21</c>),
/// credentials inside URLs (left to the secret check), and domains ending in a file extension.</summary>
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
    };

    public string Family => RuleFamilies.Pii;

    public int StreamWindow => 110;

    public IEnumerable<Detection> Detect(string text, CheckContext context)
    {
        if (!text.Contains('@', StringComparison.Ordinal))
        {
            yield break;
        }

        foreach (System.Text.RegularExpressions.Match match in Candidate().Matches(text))
        {
            if (IsEmail(text, match.Index, match.Length))
            {
                yield return new Detection(Rule, match.Index, match.Length, Placeholders.Email, Continuation: SpanContinuation.HostName);
            }
        }
    }

    private static bool IsEmail(string text, int start, int length)
    {
        var value = text.AsSpan(start, length);
        var at = value.IndexOf('@');
        var tld = value[(value.LastIndexOf('.') + 1)..].ToString();
        if (FileExtensions.Contains(tld))
        {
            return false;
        }

        // user:password@host inside a URL is a credential, not an address.
        if (start > 0 && text[start - 1] == ':')
        {
            return TextContext.Before(text, start - 1, 8).EndsWith("mailto", StringComparison.OrdinalIgnoreCase);
        }

        if (start > 0 && text[start - 1] == '/' && TextContext.Before(text, start, 80).Contains("://", StringComparison.Ordinal)
            && !TextContext.Before(text, start, 80).Contains(' '))
        {
            return false;
        }

        // git@host:path (SSH remotes, scp targets)
        var after = TextContext.After(text, start + length, 2);
        if (after.Length == 2 && after[0] == ':' && (char.IsLetterOrDigit(after[1]) || after[1] is '/' or '~'))
        {
            return false;
        }

        // Local parts that are all punctuation or pure version numbers are not mailboxes.
        var local = value[..at];
        foreach (var c in local)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    // Letters and digits of the spaced scripts (internationalised addresses: jürgen@müller.de, José.Pérez@correo.es,
    // Cyrillic, Greek...), '%' and an apostrophe inside the local part (o'brien@example.ie); an apostrophe never
    // starts one, so a quoted 'jane@acme.com' is still found without its quote. Scripts written without spaces (Han,
    // kana, Thai) are not address letters: in "请发邮件到support@example.com谢谢" the address is what sits between them,
    // and a run of them before an address must neither be swallowed into it nor stop it being found.
    private const string Letter = @"[\p{L}-[\p{IsCJKUnifiedIdeographs}\p{IsCJKUnifiedIdeographsExtensionA}\p{IsCJKCompatibilityIdeographs}\p{IsHiragana}\p{IsKatakana}\p{IsThai}]]";
    private const string Word = @"\p{M}\p{N}";

    [GeneratedRegex(@"(?<![" + Word + @"._%+\-@]|" + Letter + @")(?:" + Letter + @"|\p{N})(?:" + Letter + @"|[" + Word + @"._%+\-']){0,63}@(?:(?:" + Letter + @"|\p{N})(?:(?:" + Letter + @"|[" + Word + @"\-]){0,61}(?:" + Letter + @"|[" + Word + @"]))?\.){1,5}" + Letter + @"{2,24}(?!" + Letter + @"|[" + Word + @"\-@_]|\.(?:" + Letter + @"|\p{N}))",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Candidate();
}
