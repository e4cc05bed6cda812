using System.Text.RegularExpressions;

namespace Guardrails.Checks;

/// <summary>Looks at the words just before a candidate: identifier labels ("order #", "invoice no.") turn
/// card- or phone-shaped numbers into references, and topic words ("call", "card") vouch for weak shapes.</summary>
internal static partial class TextContext
{
    /// <summary>How far back the labels are looked for; the streaming guard keeps at least this much context.</summary>
    public const int LookBehind = 40;

    public static ReadOnlySpan<char> Before(string text, int start, int length = LookBehind)
    {
        var from = Math.Max(0, start - length);
        return text.AsSpan(from, start - from);
    }

    public static ReadOnlySpan<char> After(string text, int end, int length = 24)
    {
        var to = Math.Min(text.Length, end + length);
        return text.AsSpan(end, to - end);
    }

    /// <summary>True when the candidate directly follows a reference label such as "order #", "tracking no." or
    /// "order number is".</summary>
    public static bool FollowsIdentifierLabel(string text, int start) => IdentifierLabel().IsMatch(Before(text, start));

    public static bool HasPhoneCue(string text, int start) => PhoneCue().IsMatch(Before(text, start));

    public static bool HasCardCue(string text, int start) => CardCue().IsMatch(Before(text, start));

    public static bool HasSsnCue(string text, int start) => SsnCue().IsMatch(Before(text, start, 48));

    /// <summary>True when a mail word leads up to the candidate: "Email: ...", "my e-mail is ...", "contact us at ...",
    /// "write to ...".</summary>
    public static bool HasEmailCue(string text, int start) => EmailCue().IsMatch(Before(text, start));

    public static bool HasVersionCue(string text, int start) => VersionCue().IsMatch(Before(text, start, 24));

    public static bool HasNetworkCue(string text, int start) => NetworkCue().IsMatch(Before(text, start, 48));

    /// <summary>True when a release word leads up to the candidate: "bump to", "updated from", "fixed in", "released".</summary>
    public static bool HasReleaseCue(string text, int start) => ReleaseCue().IsMatch(Before(text, start, 32));

    /// <summary>Where the dotted number the candidate is listed with starts ("3.1.0.4 to ", "1.0.0.0 then ",
    /// "2.3.4.5, "), or -1 when none is.</summary>
    public static int PreviousDottedNumber(string text, int start)
    {
        var from = Math.Max(0, start - LookBehind);
        var match = ListedAfterNumber().Match(text, from, start - from);
        return match.Success ? match.Groups["number"].Index : -1;
    }

    [GeneratedRegex(@"(?:\b(?:order|orders|invoice|inv|ticket|case|ref|reference|tracking|track|shipment|parcel|package|account|acct|a/c|customer|client|member|membership|policy|claim|serial|sku|part|model|isbn|issn|ean|upc|imei|iccid|meid|po|purchase\s+order|confirmation|booking|reservation|transaction|txn|trx|receipt|batch|lot|build|version|id|identifier|pin|otp|code|item|product|article|patient|employee|student|license|licence|registration|vin|routing|sort\s+code|swift|bic|record|file|report|job|task|request|incident|bug|issue|pr|commit|hash|checksum|uuid|guid)\.?\s*(?:no\.?|nr\.?|num\.?|number|id|code|#)?(?:\s+(?:is|was))?\s*[:#=]?\s*#?\s*|#\s*)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex IdentifierLabel();

    [GeneratedRegex(@"\b(?:call|calling|called|phone|phones|telephone|tel|mobile|mob|cell|cellphone|landline|whatsapp|signal|telegram|sms|text|texting|fax|dial|ring|reach|hotline|helpline|contact|office|home|work|number|telefon|telefonnummer|handy|mobil|festnetz|ruf|rufen|anrufen|erreichbar|téléphone|portable|appelez|appeler|teléfono|telefono|móvil|movil|llama|llámame|llamar|celular|ligue|cellulare|chiama)\b[^\n\d]{0,24}$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex PhoneCue();

    [GeneratedRegex(@"\b(?:card|cards|credit|debit|visa|mastercard|master\s+card|amex|american\s+express|discover|diners|jcb|unionpay|maestro|cc|ccn|pan|payment|paid|pay|charged?|billing)\b[^\n\d]{0,32}$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex CardCue();

    [GeneratedRegex(@"\b(?:ssn|ssns|ss#|ss\s+no|social\s+security|social\s+sec|soc\s+sec|(?:my|his|her|their|your)\s+social(?=\s+(?:is|was|number|no\b|#))|taxpayer|tin|itin)\b[^\n\d]{0,32}$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex SsnCue();

    // A mail word and what ties it to the address after it ("Email:", "my e-mail is", "email me at", "contact us at",
    // "write to", "send it to", "reach me at", "cc:"); a bare mail word is not enough ("Email marketing at scale ...").
    [GeneratedRegex(@"(?:\b(?:e-?mail|mail|contact|inbox)(?:\s+(?:address|id))?(?:\s*[:\-]|\s+(?:is|was|at|to|on)|\s+(?:me|us|him|her|them)\s+at)|\baddress(?:\s*:|\s+(?:is|was))|\b(?:write|wrote|send|sent|forward|reply|mail|e-?mail)\s+(?:(?:it|this|them|me|us)\s+)?(?:to|at)|\breach\s+(?:(?:me|us|him|her|them)\s+)?at|\b(?:cc|bcc)\b\s*:?)[\s(""'<]*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex EmailCue();

    [GeneratedRegex(@"(?:\b(?:v|ver|version|versions|release|rel|build|firmware|fw|rev|revision|sdk|api|runtime|node|nodejs|python|java|jdk|dotnet|\.net|net|chrome|chromium|firefox|safari|edge|opera|os|ios|ipados|macos|android|windows|win|kernel|linux|ubuntu|debian|package|pkg|nuget|npm|pip|gem|crate|tag|upgrade|upgraded|update|updated|downgrade|bump|bumped|patch|semver|oid|section|sect|chapter|figure|fig|table|clause|paragraph|para|step|item|rule|art|article|§)\s*[:=@]?\s*v?|[A-Za-z]/|@)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex VersionCue();

    [GeneratedRegex(@"\b(?:ip|ips|ipv4|ipv6|address|addresses|addr|host|hosts|hostname|server|servers|ping|connect|connected|connecting|ssh|route|router|dns|gateway|subnet|cidr|nat|proxy|firewall|allowlist|whitelist|blocklist|blacklist|client|from|to|src|dst|source|destination|peer|node|vpn|remote|origin|login|logged|listen|listening|bind|nameserver|resolver|lookup|traceroute|curl|http|https)\b[^\n]{0,32}$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex NetworkCue();

    [GeneratedRegex(@"\b(?:(?:upgrade|upgraded|upgrading|update|updated|updating|downgrade|downgraded|downgrading|bump|bumped|bumping|roll\s+back|rolled\s+back|rolling\s+back|revert|reverted|reverting)(?:\s+(?:it|them|this|that))?\s+(?:to|from)|(?:fixed|resolved|introduced|deprecated|removed|broken|regressed|shipped|released|available|landed)\s+in|released|tagged)\s*v?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex ReleaseCue();

    [GeneratedRegex(@"(?<![\w.\-])v?(?<number>\d{1,5}(?:\.\d{1,6}){1,3})\s*(?:,|/|->|=>|\u2192|\s(?:to|and|or|then|through|thru|vs\.?|versus))\s*v?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex ListedAfterNumber();
}
