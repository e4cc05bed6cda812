using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.RegularExpressions;

namespace Guardrails.Checks;

/// <summary>The credential shapes the secret check knows, most specific first, so that when two shapes cover
/// the same span the more telling rule name wins. Provider patterns follow each provider's documented prefixes;
/// values in key-like context (<c>api_key=...</c>) count only when they look random.</summary>
internal static partial class SecretPatterns
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;
    private const int Timeout = 1000;

    public static IReadOnlyList<SecretPattern> Specific { get; } =
    [
        new("secret.private_key", PrivateKey(), ["PRIVATE KEY"], Continuation: new TerminatorContinuation("-----END ", "-----", 48)),
        new("secret.aws_access_key", AwsAccessKey(), ["AKIA", "ASIA", "ABIA", "ACCA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "APKA", "AGPA"], Continuation: SpanContinuation.Token),
        new("secret.aws_secret_key", AwsSecretKey(), ["aws"], Group: 1, Continuation: SpanContinuation.Token),
        new("secret.github_token", GitHubToken(), ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"], Continuation: SpanContinuation.Token),
        new("secret.gitlab_token", GitLabToken(), ["gl"], Continuation: SpanContinuation.Token),
        new("secret.slack_token", SlackToken(), ["xox", "xapp-"], Continuation: SpanContinuation.Token),
        new("secret.slack_webhook", SlackWebhook(), ["hooks.slack.com"], Continuation: SpanContinuation.Token),
        new("secret.stripe_key", StripeKey(), ["_live_", "_test_", "whsec_"], Continuation: SpanContinuation.Token),
        new("secret.shopify_token", ShopifyToken(), ["shp"], Continuation: SpanContinuation.Token),
        new("secret.google_client_secret", GoogleClientSecret(), ["GOCSPX-"], Continuation: SpanContinuation.Token),
        new("secret.pypi_token", PyPiToken(), ["pypi-"], Continuation: SpanContinuation.Token),
        new("secret.digitalocean_token", DigitalOceanToken(), ["_v1_"], Continuation: SpanContinuation.Token),
        new("secret.docker_token", DockerToken(), ["dckr_pat_"], Continuation: SpanContinuation.Token),
        new("secret.vault_token", VaultToken(), ["hvs.", "hvb.", "hvr."], Validate: v => LooksRandom(v, 3.0), Continuation: SpanContinuation.Token),
        new("secret.telegram_bot_token", TelegramBotToken(), [":AA"], Continuation: SpanContinuation.Token),
        new("secret.azure_sas", AzureSasSignature(), ["sig="], Group: 1, Continuation: SpanContinuation.Token),
        new("secret.private_key", PuttyKeyFile(), ["PuTTY-User-Key-File-"], Continuation: new TerminatorContinuation("Private-MAC:", "\n", 96)),
        new("secret.private_key", AgeSecretKey(), ["AGE-SECRET-KEY-"], Continuation: SpanContinuation.Token),
        new("secret.anthropic_key", AnthropicKey(), ["sk-ant-"], Continuation: SpanContinuation.Token),
        new("secret.openai_key", OpenAIKey(), ["sk-"], Validate: v => LooksRandom(v, 3.0), Continuation: SpanContinuation.Token),
        new("secret.google_api_key", GoogleApiKey(), ["AIza"], Continuation: SpanContinuation.Token),
        new("secret.google_oauth_token", GoogleOAuthToken(), ["ya29."], Continuation: SpanContinuation.Token),
        new("secret.npm_token", NpmToken(), ["npm_"], Continuation: SpanContinuation.Token),
        new("secret.sendgrid_key", SendGridKey(), ["SG."], Continuation: SpanContinuation.Token),
        new("secret.huggingface_token", HuggingFaceToken(), ["hf_"], Validate: v => LooksRandom(v, 3.0), Continuation: SpanContinuation.Token),
        new("secret.jwt", Jwt(), ["eyJ"], Validate: IsJwt, Continuation: SpanContinuation.Token),
        new("secret.url_credentials", UrlCredentials(), ["://"], Group: 1, Validate: IsUriPassword),
        new("secret.bearer_token", Bearer(), ["bearer"], Group: 1, Validate: v => !Entropy.LooksLikePlaceholder(v) && LooksRandom(v, 3.0), Continuation: SpanContinuation.Token),
        new("secret.basic_auth", Basic(), ["basic"], Group: 1, Validate: IsBasicCredentials, Continuation: SpanContinuation.Token),
        new("secret.basic_auth", UserOption(), ["-u", "--user"], Group: 1, Validate: IsPassword, Continuation: SpanContinuation.Token),
        new("secret.password", CommandLinePassword(), ["mysql", "mariadb", "login"], Group: 1, Validate: IsPassword, Continuation: SpanContinuation.Token),
        new("secret.pin", Pin(), ["pin", "passcode", "cvv", "cvc", "csc", "code", "otp", "one-time", "one time"], Group: 1),
    ];

    /// <summary>Passwords after a password key; judged by <see cref="IsPassword"/>.</summary>
    public static SecretPattern PasswordAssignment { get; } = new("secret.password", Password(), ["pass", "pwd"], Group: 1);

    /// <summary>Passphrases of several words after a password key ("password: correct horse battery staple",
    /// <c>passphrase = 'blue lamp seven river'</c>); judged by <see cref="PassphraseLength"/>.</summary>
    public static SecretPattern PassphraseAssignment { get; } = new("secret.password", Passphrase(), ["pass", "pwd"]);

    /// <summary>Passwords in XML configuration: an element named for one (<c>&lt;password&gt;...&lt;/password&gt;</c>, as in
    /// Maven's settings.xml) or an appSettings entry (<c>&lt;add key="DbPassword" value="..." /&gt;</c>); judged by
    /// <see cref="IsXmlPassword"/>.</summary>
    public static SecretPattern XmlPasswordAssignment { get; } = new("secret.password", XmlPassword(), ["pass", "pwd"]);

    /// <summary>Values after a key-like name; judged by entropy against the policy threshold.</summary>
    public static SecretPattern KeyAssignment { get; } = new("secret.generic", KeyValue(), ["key", "secret", "token", "credential"], Group: 1);

    /// <summary>Values right after a secret word with no <c>=</c> or <c>:</c> ("my token Zx8k...", "password
    /// Tr0ub4dor&amp;3"); group 1 is the word, group 2 the value. Judged more strictly than assignments.</summary>
    public static SecretPattern BareValue { get; } = new("secret.generic", Bare(), ["key", "secret", "token", "pass", "pwd", "credential"], Group: 2);

    /// <summary>Standalone 40-character base64 runs: an AWS secret access key when one lies near an access key id.</summary>
    public static Regex AwsSecretCandidate => AwsSecretShape();

    /// <summary>How far from an access key id its secret is looked for.</summary>
    public const int AwsPairDistance = 200;

    public static bool LooksLikeAwsSecret(string value) =>
        value.Any(char.IsAsciiLetterUpper) && value.Any(char.IsAsciiLetterLower) && Entropy.CharacterClasses(value) >= 3
        && Entropy.BitsPerChar(value) >= 4.0 && !Entropy.LooksLikePlaceholder(value);

    /// <summary>Hex runs and UUIDs (commit SHAs, digests, request ids): not secrets when only a bare word precedes them.</summary>
    public static bool IsHexOrUuid(string value) => value.All(c => char.IsAsciiHexDigit(c) || c == '-');

    public static bool LooksRandom(string value, double minBitsPerChar) =>
        Entropy.CharacterClasses(value) >= 2 && Entropy.BitsPerChar(value) >= Math.Min(minBitsPerChar, Math.Log2(value.Length) - 0.6)
        && value.Any(char.IsAsciiDigit);

    public static bool IsPassword(string value)
    {
        if (value.Length is < 6 or > 128 || Entropy.LooksLikePlaceholder(value) || IsCommonPlaceholderPassword(value))
        {
            return false;
        }

        var classes = Entropy.CharacterClasses(value);
        return classes >= 3 || (classes == 2 && value.Any(char.IsAsciiDigit) && value.Any(char.IsAsciiLetter));
    }

    /// <summary>A password of letters only (<c>correcthorse</c>, <c>CorrectHorseBatteryStaple</c>), which
    /// <see cref="IsPassword"/> leaves alone in prose and code, counts where a configuration sets it: a
    /// connection string or query (<c>;Password=correcthorse;</c>, <c>&amp;password=...</c>), an env or ini line
    /// (<c>DB_PASSWORD=mysecretpw</c> at the start of a line), or a quoted value after a password key
    /// (<c>"password": "sunflowers"</c>). Eight letters or more, not a type or keyword (<c>password: string</c>).</summary>
    public static bool IsConfigPassword(string text, int keyStart, Group value)
    {
        var v = value.Value;
        if (v.Length is < 8 or > 64 || !v.All(char.IsAsciiLetter) || Entropy.IsTemplateOrMask(v) || IsCommonPlaceholderPassword(v)
            || NotPasswords.Contains(v))
        {
            return false;
        }

        var end = value.Index + value.Length;
        var before = value.Index > 0 ? text[value.Index - 1] : '\0';
        if (before is '"' or '\'')
        {
            // Quoted: the same quote closes the value. A bare "pass" sets one only with ':' or '=' ("pass: 'xyz'"):
            // "the mountain pass is 'breathtaking'" is prose.
            var key = text.AsSpan(keyStart, value.Index - keyStart);
            if (!key.Contains("password", StringComparison.OrdinalIgnoreCase) && !key.Contains("passwd", StringComparison.OrdinalIgnoreCase) &&
                !key.Contains("passphrase", StringComparison.OrdinalIgnoreCase) && !key.Contains("pwd", StringComparison.OrdinalIgnoreCase) &&
                !key.ContainsAny(':', '='))
            {
                return false;
            }

            return end < text.Length && text[end] == before;
        }

        // Unquoted: "key=value" with nothing around the '=', the key opening a line or a connection-string or
        // query part, the value ending its line or part.
        var keyOpens = keyStart == 0 || text[keyStart - 1] is '\n' or '\r' or ';' or '&' or '?'
            || (keyStart >= 7 && text.AsSpan(keyStart - 7, 7).Equals("export ", StringComparison.Ordinal)
                && (keyStart == 7 || text[keyStart - 8] is '\n' or '\r'));
        var valueEnds = end == text.Length || text[end] is '\n' or '\r' or ';' or '&';
        return keyOpens && valueEnds && before == '=';
    }

    /// <summary>How much of a passphrase match is a passphrase (0: none): it stands where a value is set and its words are a passphrase's: quoted
    /// (after any separator or none: "password: 'blue lamp seven river'", "my wifi password is \"orange tiger laptop
    /// window\"", <c>--password "..."</c>), or unquoted after ':' or '=' with the key opening its line (a YAML or env line,
    /// "password: correct horse battery staple") and the words running to its end. "The password is on the fridge",
    /// "Your password: must be at least eight characters long" and <c>"password": "Enter your password"</c> are
    /// prose or interface text.</summary>
    public static int PassphraseLength(string text, Match match)
    {
        var value = match.Groups["value"];
        var key = match.Groups["key"];
        var separator = match.Groups["sep"].ValueSpan.Trim(" \t");
        var quoted = match.Groups["q"].Length > 0;
        if (!quoted && separator is "is" or "was")
        {
            return StatedPassphraseLength(text, key, value);
        }

        if (!quoted && separator is "to" or "as")
        {
            return 0; // "set the password to something memorable": only a quoted value after "to" is one
        }

        if (!IsPassphrase(value.Value))
        {
            return 0;
        }

        if (key.ValueSpan.EndsWith("pass", StringComparison.OrdinalIgnoreCase) && separator is not (":" or "=" or ":=" or "=>"))
        {
            return 0; // "the mountain pass is 'rather steep today'": a bare "pass" sets a value only with ':' or '='
        }

        if (quoted)
        {
            return value.Length;
        }

        if (separator.IsEmpty || !OpensLine(text, key.Index))
        {
            return 0;
        }

        var end = value.Index + value.Length;
        return end == text.Length || text[end] is '\n' or '\r' ? value.Length : 0;
    }

    /// <summary>"my passphrase is correct horse battery staple": a password or passphrase word, "is", then words that
    /// end the sentence (the text, a line, or '.' or '!' before a blank). Prose says "the password is ..." far more
    /// often than a config does, so besides the passphrase's own rules none of the words may be one that describes a
    /// password ("case sensitive", "stored encrypted", "easy to guess") and a bare "pass" never counts.</summary>
    private static int StatedPassphraseLength(string text, Group key, Group value)
    {
        if (key.ValueSpan.EndsWith("pass", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        // The words up to the first '.' or '!' ("... staple. Thanks" ends at "staple").
        var stop = value.ValueSpan.IndexOfAny('.', '!');
        var length = stop < 0 ? value.Length : stop;
        var end = value.Index + length;
        var phrase = value.Value[..length];
        var endsSentence = end == text.Length || text[end] is '\n' or '\r'
            || (stop >= 0 && (end + 1 == text.Length || char.IsWhiteSpace(text[end + 1]) || text[end + 1] is '.' or '!'));
        if (!endsSentence || !IsPassphrase(phrase) || phrase.Split(' ').Any(StatedPasswordProse.Contains))
        {
            return 0;
        }

        return length;
    }

    // Words that describe a password in prose after "the password is" ("case sensitive", "stored encrypted at rest",
    // "still the default one").
    private static readonly HashSet<string> StatedPasswordProse = new(StringComparer.OrdinalIgnoreCase)
    {
        "case", "sensitive", "insensitive", "easy", "hard", "simple", "safe", "unsafe", "encrypted", "hashed", "salted",
        "managed", "shared", "known", "kept", "written", "printed", "still", "also", "now", "just", "really", "quite",
        "pretty", "never", "always", "usually", "probably", "definitely", "taken", "used", "reused", "valid", "fine",
        "good", "bad", "great", "ok", "okay", "different", "similar", "like", "complex", "complicated", "obvious",
        "guessable", "predictable", "displayed", "visible", "sent", "emailed", "texted", "rotated", "unknown", "lost",
        "compromised", "leaked", "stolen", "unchanged", "generated", "assigned", "provided", "given", "attached",
        "below", "above", "enough", "yet", "already", "again", "soon", "later", "today", "tomorrow", "mine", "yours",
        "ours", "theirs", "correctly", "incorrectly", "accepted", "rejected", "working", "broken", "expiring",
    };

    /// <summary>True when only blanks, a YAML list dash or "export " stand between the line's start and <paramref name="at"/>.</summary>
    private static bool OpensLine(string text, int at)
    {
        var i = at;
        while (i > 0 && text[i - 1] is ' ' or '\t')
        {
            i--;
        }

        if (i > 0 && text[i - 1] == '-' && (i == 1 || text[i - 2] is ' ' or '\t' or '\n' or '\r'))
        {
            i--;
            while (i > 0 && text[i - 1] is ' ' or '\t')
            {
                i--;
            }
        }
        else if (i >= 7 && text.AsSpan(i - 7, 7).Equals("export ", StringComparison.Ordinal))
        {
            i -= 7;
        }

        return i == 0 || text[i - 1] is '\n' or '\r';
    }

    /// <summary>The value of an XML password element or entry, unless a template (<c>${env.REPO_PASSWORD}</c>) or a
    /// mask: a password (<see cref="IsPassword"/>), a passphrase, or letters alone as in a connection string's slot (<see cref="IsUriPassword"/>: not a template, a mask, a
    /// stock example or a default such as <c>changeme</c>).</summary>
    public static bool IsXmlPassword(string value) =>
        !value.Contains("${", StringComparison.Ordinal) && !value.Contains("{{", StringComparison.Ordinal) && !Entropy.IsTemplateOrMask(value)
        && (value.Contains(' ', StringComparison.Ordinal) ? IsPassphrase(value) : IsPassword(value) || IsUriPassword(value));

    /// <summary>Three to twelve words of letters and digits, twelve characters or more, in one case pattern (all lower
    /// case, all capitalised or all upper case: "correct horse battery staple", "Blue Lamp Seven River"), none a
    /// word of prose or of a form ("the", "your", "must", "enter", "password", "required", "de"...). Sentence case
    /// ("Enter your password", "Mot de passe") is interface text.</summary>
    public static bool IsPassphrase(string value)
    {
        var words = value.Split(' ');
        if (words.Length is < 3 or > 12 || value.Length < 12)
        {
            return false;
        }

        int lower = 0, capitalised = 0, upper = 0;
        foreach (var word in words)
        {
            if (!word.All(char.IsLetterOrDigit) || !word.Any(char.IsLetter) || PassphraseStopWords.Contains(word))
            {
                return false;
            }

            var letters = word.Where(char.IsLetter).ToArray();
            if (letters.All(char.IsLower))
            {
                lower++;
            }
            else if (letters.All(char.IsUpper))
            {
                upper++;
            }
            else if (char.IsUpper(letters[0]) && letters.Skip(1).All(char.IsLower))
            {
                capitalised++;
            }
            else
            {
                return false;
            }
        }

        return lower == words.Length || capitalised == words.Length || upper == words.Length;
    }

    // Words of sentences and forms, in English and the languages login screens are most often translated to: a value
    // holding one is a sentence, a label or a hint ("Enter your password", "must be at least eight characters"), not
    // a passphrase.
    private static readonly HashSet<string> PassphraseStopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "this", "that", "these", "those", "my", "your", "our", "their", "his", "her", "its", "i", "you",
        "we", "they", "he", "she", "it", "me", "us", "them", "is", "are", "was", "were", "be", "been", "being", "am",
        "do", "does", "did", "done", "has", "have", "had", "will", "would", "shall", "should", "can", "could", "may",
        "might", "must", "not", "no", "yes", "and", "or", "but", "if", "then", "else", "for", "of", "to", "in", "on",
        "at", "by", "from", "with", "without", "into", "about", "as", "than", "so", "too", "very", "all", "any", "each",
        "every", "some", "none", "least", "most", "more", "less", "only", "here", "there", "where", "when", "what",
        "which", "who", "how", "why", "please", "enter", "type", "confirm", "repeat", "retype", "new", "old", "current",
        "password", "passwords", "passphrase", "pass", "pwd", "secret", "required", "optional", "field", "value",
        "hint", "label", "placeholder", "example", "sample", "characters", "character", "chars", "letters", "digits",
        "numbers", "symbols", "minimum", "maximum", "min", "max", "length", "long", "short", "weak", "strong",
        "invalid", "incorrect", "wrong", "match", "matches", "reset", "forgot", "forgotten", "change", "changed",
        "update", "updated", "set", "see", "click", "link", "vault", "stored", "saved", "save", "hidden", "masked",
        "null", "empty", "blank", "string", "text", "input", "same", "above", "below", "again", "account", "user",
        "username", "login", "log", "sign", "show", "hide", "toggle", "visibility", "try", "error", "expired",
        "random", "word", "words", "common", "generated", "secure", "unique", "something", "anything", "nothing",
        "whatever", "dictionary", "diceware", "phrase", "ask", "admin", "below", "lorem", "ipsum", "dolor", "sit", "amet",
        "foo", "bar", "baz", "qux", "test", "testing", "demo", "dummy", "fake", "default", "temp", "todo",
        "de", "la", "le", "les", "du", "des", "el", "los", "las", "il", "di", "da", "der", "die", "das", "und", "et",
        "y", "e", "o", "su", "tu", "votre", "ihr", "ihre", "seu", "sua", "passe", "passwort", "kennwort", "senha",
        "contraseña", "wachtwoord", "mot",
    };

    /// <summary>The password of a connection URI (<c>postgres://app:Xk29!vLq7@db/app</c>, <c>redis://:pw@cache</c>):
    /// the slot leaves no doubt, so letters alone count too (<c>mysql://root:correcthorse@db</c>), six or more,
    /// unless the value is a template or mask, a stock example (<c>user:password</c>, <c>user:pass</c>), a
    /// product's documented default (<c>guest:guest</c>, <c>postgres:postgres</c>, <c>:foobared</c>) or names
    /// the slot it fills (<c>db_password</c>, <c>userpass</c>).</summary>
    public static bool IsUriPassword(string value)
    {
        if (IsCommonPlaceholderPassword(value) || Entropy.IsTemplateOrMask(value))
        {
            return false;
        }

        if (!Entropy.LooksLikePlaceholder(value))
        {
            return true;
        }

        // Words only: "correcthorse", "correct-horse-battery".
        return value.Count(char.IsAsciiLetter) >= 6 && !NotPasswords.Contains(value) && !DefaultUriPasswords.Contains(value)
            && value.AsSpan().IndexOfAny(SlotWords) < 0;
    }

    private static readonly HashSet<string> DefaultUriPasswords = new(StringComparer.OrdinalIgnoreCase)
    {
        "guest", "postgres", "postgresql", "mysql", "mariadb", "mongo", "mongodb", "rabbitmq", "redis", "foobared",
        "tiger", "oracle", "sapassword", "default", "testing", "localhost",
    };

    private static readonly SearchValues<string> SlotWords = SearchValues.Create(["pass", "pwd", "secret", "user", "login"], StringComparison.OrdinalIgnoreCase);

    private static readonly HashSet<string> NotPasswords = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwords", "required", "optional", "undefined", "nullable", "redacted", "disabled", "enabled",
        "boolean", "string", "hidden", "mandatory", "username", "unchanged", "encrypted", "variable", "parameter",
        "provided", "supplied", "specified", "configured", "incorrect", "expired", "invalid", "notrequired",
        "placeholder", "yourpassword", "mypassword", "changeit", "changeme", "secretkey", "anything", "whatever",
    };

    private static bool IsCommonPlaceholderPassword(string value) =>
        value.ToLowerInvariant() is "password" or "passwd" or "pass" or "secret" or "pwd" or "admin" or "root" or "changeme"
            or "password123" or "pa55word" or "p@ssw0rd" or "hunter2" or "letmein" or "12345678" or "123456" or "qwerty";

    private static bool IsJwt(string value)
    {
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return false;
        }

        var header = value[..dot];
        var bytes = new byte[Base64Url.GetMaxDecodedLength(header.Length)];
        if (!Base64Url.TryDecodeFromChars(header, bytes, out var written))
        {
            return false;
        }

        var json = Encoding.UTF8.GetString(bytes, 0, written);
        return json.Contains("\"alg\"", StringComparison.Ordinal) || json.Contains("\"typ\"", StringComparison.Ordinal);
    }

    private static bool IsBasicCredentials(string value)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && colon < decoded.Length - 1 && decoded.All(c => !char.IsControl(c));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,16000}?-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s:,\-]{0,16000})", Options, Timeout)]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA|AIPA|ANPA|ANVA|APKA|AGPA)[A-Z0-9]{16}(?![A-Za-z0-9])", Options, Timeout)]
    private static partial Regex AwsAccessKey();

    [GeneratedRegex(@"(?i)aws[_\-\s.]?secret[_\-\s.]?(?:access[_\-\s.]?)?key[""'\s]*(?::|=|:=|=>)\s*[""']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])", Options, Timeout)]
    private static partial Regex AwsSecretKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])", Options, Timeout)]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_\-])(?:glpat|gldt|glrt|glptt|glft|glsoat|glcbt|gloas|glimt|glagent)-[A-Za-z0-9_\-]{20,64}(?![A-Za-z0-9_\-])", Options, Timeout)]
    private static partial Regex GitLabToken();

    // Bot, user and legacy tokens (xoxb-, xoxp-...), rotating refresh and configuration tokens (xoxe-1-..., xoxe.xoxp-1-...)
    // and app-level tokens (xapp-1-A0123...-1234...-<64 hex>).
    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:xox[abposre]-[0-9A-Za-z]{4,}-[A-Za-z0-9\-]{6,250}|xoxe(?:\.xox[abposre])?-\d-[A-Za-z0-9\-]{40,250}|xapp-\d-[A-Za-z0-9]{8,}-\d{8,}-[A-Za-z0-9]{32,128})", Options, Timeout)]
    private static partial Regex SlackToken();

    // Shopify admin API, custom app, partner and shared-secret tokens: a documented prefix and 32 hex digits.
    [GeneratedRegex(@"(?<![A-Za-z0-9_])shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![A-Za-z0-9_])", Options, Timeout)]
    private static partial Regex ShopifyToken();

    // Google OAuth client secrets: "GOCSPX-" and 28 characters.
    [GeneratedRegex(@"(?<![A-Za-z0-9_\-])GOCSPX-[A-Za-z0-9_\-]{28}(?![A-Za-z0-9_\-])", Options, Timeout)]
    private static partial Regex GoogleClientSecret();

    // PyPI API tokens: a macaroon whose base64 always opens with the encoded "pypi.org" location.
    [GeneratedRegex(@"(?<![A-Za-z0-9_\-])pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,1000}", Options, Timeout)]
    private static partial Regex PyPiToken();

    // DigitalOcean personal access, OAuth and refresh tokens: dop_v1_/doo_v1_/dor_v1_ and 64 hex digits.
    [GeneratedRegex(@"(?<![A-Za-z0-9_])do[opr]_v1_[a-f0-9]{64}(?![A-Za-z0-9_])", Options, Timeout)]
    private static partial Regex DigitalOceanToken();

    // Docker Hub personal access tokens.
    [GeneratedRegex(@"(?<![A-Za-z0-9_])dckr_pat_[A-Za-z0-9_\-]{27,64}(?![A-Za-z0-9_\-])", Options, Timeout)]
    private static partial Regex DockerToken();

    // HashiCorp Vault service, batch and recovery tokens (hvs./hvb./hvr.); judged random so "hvs.getElementsByName" is code.
    [GeneratedRegex(@"(?<![A-Za-z0-9_.])hv[sbr]\.[A-Za-z0-9_\-]{24,512}(?![A-Za-z0-9_\-])", Options, Timeout)]
    private static partial Regex VaultToken();

    // Telegram bot tokens: the bot's numeric id, a colon, then 35 characters opening with "AA".
    [GeneratedRegex(@"(?<![A-Za-z0-9_:])\d{8,10}:AA[A-Za-z0-9_\-]{33}(?![A-Za-z0-9_\-])", Options, Timeout)]
    private static partial Regex TelegramBotToken();

    // The signature of an Azure shared access signature (a query or connection string holding sv=YYYY-MM-DD, then sig=).
    [GeneratedRegex(@"\bsv=\d{4}-\d{2}-\d{2}[^\s""'<>#]{0,400}?[?&;]sig=([A-Za-z0-9%+/=]{20,200})", Options, Timeout)]
    private static partial Regex AzureSasSignature();

    // PuTTY private key files (.ppk, versions 2 and 3): the header line naming the key type (and ending its line: "...File-2:
    // ssh-rsa is what the first line says" is prose), then the file's own lines,
    // its headers (Encryption, Comment, Public-Lines, Key-Derivation, Argon2-*, Private-Lines, Private-MAC) and whole
    // base64 lines: the header opens the match, so a streamed file is caught before its private lines come, and a
    // line of prose after the file is not taken in. Every line is bounded; a header line cannot be read as a base64
    // one (it holds ':').
    [GeneratedRegex(@"PuTTY-User-Key-File-[23]:[ \t]*(?:ssh-(?:rsa|dss|ed25519|ed448)|ecdsa-sha2-nistp(?:256|384|521))(?=[ \t]*(?:\r?\n|$))(?:\r?\n(?:(?:Encryption|Comment|Public-Lines|Private-Lines|Private-MAC|Private-Hash|Key-Derivation|Argon2-[A-Za-z]{1,16}):[^\r\n]{0,256}|[A-Za-z0-9+/=]{1,128}(?![^\r\n]))){0,400}", Options, Timeout)]
    private static partial Regex PuttyKeyFile();

    // age encryption secret keys: "AGE-SECRET-KEY-1" and 58 bech32 characters.
    [GeneratedRegex(@"(?<![A-Za-z0-9\-])AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}(?![A-Za-z0-9])", Options, Timeout)]
    private static partial Regex AgeSecretKey();

    [GeneratedRegex(@"https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/]{20,160}", Options, Timeout)]
    private static partial Regex SlackWebhook();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}|whsec_[A-Za-z0-9]{24,64})(?![A-Za-z0-9_])", Options, Timeout)]
    private static partial Regex StripeKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_\-])sk-ant-(?:api|admin|oat)\d{2}-[A-Za-z0-9_\-]{20,200}(?![A-Za-z0-9_\-])", Options, Timeout)]
    private static partial Regex AnthropicKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_\-])sk-(?!ant-)(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_\-]{20,200}(?![A-Za-z0-9_\-])", Options, Timeout)]
    private static partial Regex OpenAIKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_\-])AIza[0-9A-Za-z_\-]{35}(?![A-Za-z0-9_\-])", Options, Timeout)]
    private static partial Regex GoogleApiKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_\-])ya29\.[0-9A-Za-z_\-]{20,2000}", Options, Timeout)]
    private static partial Regex GoogleOAuthToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])", Options, Timeout)]
    private static partial Regex NpmToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}(?![A-Za-z0-9_\-])", Options, Timeout)]
    private static partial Regex SendGridKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{34,40}(?![A-Za-z0-9_])", Options, Timeout)]
    private static partial Regex HuggingFaceToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_\-])eyJ[A-Za-z0-9_\-]{8,2000}\.eyJ[A-Za-z0-9_\-]{0,8000}(?:\.[A-Za-z0-9_\-]{0,2000})?", Options, Timeout)]
    private static partial Regex Jwt();

    // scheme://user:password@host. The password may hold an unescaped '@' (the last one before the host ends it,
    // as URL parsers read it) but no '/', '?', '#' or blank (those end the authority: "https://host:8080?to=a@b.com"
    // and "https://host:8080#team@x" have none; a '#' in a password is percent-encoded). ',' and ';' may sit in a
    // password, but not right after a port: "https://acme.com:8443,jane@acme.com" is a URL and then an address.
    // A password equal to the user name is a stock example ("postgres:postgres@", "guest:guest@").
    [GeneratedRegex(@"(?i)\b[a-z][a-z0-9+.\-]{1,20}://(?<user>[^\s:/?#@""'<>]{0,64}):(?!\k<user>@)(?!\d{1,5}[,;])([^\s/?#""'<>]{1,128})@[A-Za-z0-9.\-\[\]%]", Options, Timeout)]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"(?i)\bbearer\s+([A-Za-z0-9_\-.~+/]{16,4000}=*)", Options, Timeout)]
    private static partial Regex Bearer();

    [GeneratedRegex(@"(?i)\bbasic\s+([A-Za-z0-9+/]{12,400}={0,2})(?![A-Za-z0-9+/=])", Options, Timeout)]
    private static partial Regex Basic();

    // The user option of curl and its kin: "-u admin:Zk8qLm2vP9x", "--user 'ci-bot:Tr0ub4dor&3x'"; group 1 is the password.
    // A user holding '$' is a variable ("-u $USER:$TOKEN"), a password equal to the user a uid:gid pair or a default.
    [GeneratedRegex(@"(?<![\w\-])(?:-u|--user)(?:[ \t]+|=)[""']?(?<user>[^\s:""'$]{1,64}):(?!\k<user>(?:[\s""']|$))([^\s""']{1,128})", Options, Timeout)]
    private static partial Regex UserOption();

    // A short numeric credential after the word that names it: "my bank PIN is 4821", "PIN: 0912", "passcode 551203",
    // "CVV 123", "security code: 123", "the verification code is 482913", "OTP 482913". Three to eight digits, as
    // written (no spaces inside); "pin 13 on the board" is too short to be one.
    [GeneratedRegex(@"(?i)(?<![A-Za-z0-9])(?:pin(?:\s+(?:code|number))?|passcode|cvv2?|cvc2?|csc|(?:card\s+)?security\s+code|verification\s+code|confirmation\s+code|one[-\s]time\s+(?:code|password|passcode|pin)|otp|2fa\s+code|(?:sms|login|auth(?:entication)?)\s+code)(?:\s+(?:number|no\.?))?[""']?\s{0,4}(?::|=|\s(?:is|was|will\s+be)\s|\s)\s{0,4}[""'`]?(\d{3,8})(?![\d.,]\d)(?![A-Za-z0-9])", Options, Timeout)]
    private static partial Regex Pin();

    /// <summary>ssh-keygen's new and old passphrase options, <c>-N 'my secret phrase'</c>, <c>-P oldpass</c> (group 1 the
    /// value); <see cref="SecretCheck"/> keeps those on a line where ssh-keygen stands before them.</summary>
    public static SecretPattern SshKeygenOption { get; } = new("secret.password", SshKeygenPassphrase(), ["ssh-keygen"], Group: 1);

    // The MySQL clients' password glued to -p ("mysql -u root -pZk8qLm2vP9x db") and a registry login's -p or --password
    // ("docker login -u ci -p Zk8q!Lm2vP9x"); group 1 is the password, judged as one after a password key.
    [GeneratedRegex(@"\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mariadb|mariadb-dump)\b[^\n|;&]{0,200}?[ \t]-p(?!assword)(?<v>[^\s""'\-][^\s""']{3,127})|\b(?:docker|podman|buildah|skopeo|helm\s+registry|oras|nerdctl)[ \t]+login\b[^\n|;&]{0,200}?[ \t](?:-p|--password)(?:[ \t]+|=)[""']?(?<v>[^\s""'\-][^\s""']{3,127})", Options, Timeout)]
    private static partial Regex CommandLinePassword();

    // The option's slot leaves no doubt, so any value counts (an empty "-N \"\"" has none to match).
    [GeneratedRegex(@"(?<=[ \t])-[NP][ \t]*(?:""(?<v>[^""\r\n]{1,128})""|'(?<v>[^'\r\n]{1,128})'|(?<v>[^\s""'\-][^\s""']{0,127}))", Options, Timeout)]
    private static partial Regex SshKeygenPassphrase();

    /// <summary>A value given to a passphrase option, unless a variable, template or mask stands in its place
    /// (<c>$PASSPHRASE</c>, <c>%PW%</c>, <c>&lt;passphrase&gt;</c>, <c>{{ pass }}</c>, <c>****</c>).</summary>
    public static bool IsOptionPassphrase(string value) =>
        value.Trim().Length > 0 && value[0] is not ('$' or '%' or '<' or '{') && !Entropy.IsTemplateOrMask(value.Replace(" ", string.Empty, StringComparison.Ordinal))
        && !NotPasswords.Contains(value) && !value.Equals("passphrase", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])", Options, Timeout)]
    private static partial Regex AwsSecretShape();

    [GeneratedRegex(@"(?i)(?<![A-Za-z0-9_\-])(secret|token|password|passwd|passphrase|pwd|key|credentials?)s?[ \t]{1,4}[""'`]?([A-Za-z0-9][A-Za-z0-9_\-+/=.~!@#$%^&*]{5,511})", Options, Timeout)]
    private static partial Regex Bare();

    // <password>value</password> (the same tag closes it; the tag may carry a prefix: <dbPassword>, <ns:password>), or an
    // appSettings-style key="...Password" value="..." pair.
    [GeneratedRegex(@"(?i)<(?<tag>(?:[a-z_][a-z0-9_.:\-]{0,40}?)?(?:password|passwd|passphrase|pwd))>(?<value>[^<>\r\n]{1,128})</\k<tag>>|\bkey\s*=\s*""[^""<>\r\n]{0,40}?(?:password|passwd|passphrase|pwd)""\s+value\s*=\s*""(?<value>[^""<>\r\n]{1,128})""", Options, Timeout)]
    private static partial Regex XmlPassword();

    // A password key, its separator (':', '=', ':=', '=>', " is ", " was ", or blanks after a command-line option such as
    // "--password"), an optional quote, then 3-12 words joined by single spaces; the same quote closes them. Words hold
    // no blank or quote, so each space ends one and the pattern cannot go back and forth over a value.
    [GeneratedRegex(@"(?i)(?<![A-Za-z0-9])(?<key>(?:--?|[a-z0-9]{1,24}[_\-.]|[a-z]{2,12}(?=passw(?:or)?d))?(?:password|passwd|passphrase|pwd|pass))[""']?(?<sep>[ \t]{0,4}(?::=|=>|:|=)[ \t]{0,4}|[ \t]+(?:is|was|to|as)[ \t]+|[ \t]+)(?<q>[""'`]?)(?<value>[^\s""'`]{1,40}(?:[ ][^\s""'`]{1,40}){2,11})\k<q>", Options, Timeout)]
    private static partial Regex Passphrase();

    [GeneratedRegex(@"(?i)(?<![A-Za-z0-9])(?:[a-z0-9]{1,24}[_\-.]|[a-z]{2,12}(?=passw(?:or)?d))?(?:password|passwd|passphrase|pwd|pass)[""']?\s{0,4}(?::|=|:=|=>|\s(?:is|was)\s)\s{0,4}[""'`]?([^\s""'`,;]{6,128})", Options, Timeout)]
    private static partial Regex Password();

    [GeneratedRegex(@"(?i)(?<![A-Za-z0-9])(?:[a-z0-9]{1,24}[_\-.]){0,3}(?:api[_\-]?key|apikey|api[_\-]?secret|secret[_\-]?key|client[_\-]?secret|app[_\-]?secret|consumer[_\-]?secret|access[_\-]?key|access[_\-]?token|auth[_\-]?token|refresh[_\-]?token|session[_\-]?token|id[_\-]?token|private[_\-]?key|account[_\-]?key|accountkey|signing[_\-]?key|encryption[_\-]?key|master[_\-]?key|shared[_\-]?(?:access[_\-]?)?key|webhook[_\-]?secret|x-api-key|secret|token|credentials?)[""']?\s{0,4}(?::|=|:=|=>|\s(?:is|was)\s)\s{0,4}[""'`]?([A-Za-z0-9_\-+/=.~!@#$%^&*]{16,512})", Options, Timeout)]
    private static partial Regex KeyValue();
}
