namespace Memory.Text;

/// <summary>Folds accented Latin letters to their unaccented ASCII base ("é" to "e", "ß" to "ss") with a fixed
/// table, so the result never depends on the machine's ICU version (the gateway runs in invariant globalization
/// mode, and the hash embedding must be identical on every machine).</summary>
internal static class AccentFolding
{
    // U+00C0..U+017F (Latin-1 Supplement letters and Latin Extended-A), lower-cased targets; '\0' = no folding.
    private const string Latin1 =
        "aaaaaaaceeeeiiii" + // C0-CF: À Á Â Ã Ä Å Æ(ae, special) Ç È É Ê Ë Ì Í Î Ï
        "dnooooo\0ouuuuyts" + // D0-DF: Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß(ss, special)
        "aaaaaaaceeeeiiii" + // E0-EF
        "dnooooo\0ouuuuyty"; // F0-FF
    private const string ExtendedA =
        "aaaaaaccccccccdd" + // 0100-010F
        "ddeeeeeeeeeegggg" + // 0110-011F
        "gggghhhhiiiiiiii" + // 0120-012F
        "iiiijjkkklllllll" + // 0130-013F (0132/0133 Ĳ handled as "ij")
        "lllnnnnnnnnnoooo" + // 0140-014F
        "oooorrrrrrssssss" + // 0150-015F (0152/0153 Œ handled as "oe")
        "ssttttttuuuuuuuu" + // 0160-016F
        "uuuuwwyyyzzzzzzs";  // 0170-017F  // 0170-017F

    /// <summary>The lower-cased, accent-folded form of <paramref name="text"/> (a decomposed Latin accent dropped too;
    /// the marks other scripts write their vowels with are kept: they are letters there).</summary>
    public static string Fold(string text)
    {
        var sink = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            AppendFolded(c, sink);
        }

        return sink.ToString();
    }

    /// <summary>Appends the lower-cased, accent-folded form of <paramref name="c"/> to <paramref name="sink"/>.</summary>
    public static void AppendFolded(char c, System.Text.StringBuilder sink)
    {
        var lower = char.ToLowerInvariant(c);
        switch (lower)
        {
            case 'æ': sink.Append("ae"); return;
            case 'ß': sink.Append("ss"); return;
            case 'œ': sink.Append("oe"); return;
            case 'ĳ': sink.Append("ij"); return;
            case 'þ': sink.Append("th"); return;
        }

        if (lower is >= '\u00C0' and <= '\u00FF')
        {
            var folded = Latin1[lower - '\u00C0'];
            sink.Append(folded == '\0' ? lower : folded);
            return;
        }

        if (lower is >= '\u0100' and <= '\u017F')
        {
            sink.Append(ExtendedA[lower - '\u0100']);
            return;
        }

        // Combining diacritical marks (a decomposed accent) carry no letter of their own.
        if (lower is >= '\u0300' and <= '\u036F')
        {
            return;
        }

        sink.Append(lower);
    }
}
