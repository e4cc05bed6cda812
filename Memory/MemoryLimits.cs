namespace Memory;

/// <summary>Bounds on what a write may carry; beyond them a write is refused with <see cref="MemoryValidationException"/>.</summary>
public static class MemoryLimits
{
    public const int MaxTextLength = 4000;
    public const int MaxContextLength = 64;
    public const int MaxMemoriesPerWrite = 500;
    public const int MaxSources = 64;
    public const int MaxSourceLength = 512;
    public const int MaxMetadataEntries = 32;
    public const int MaxMetadataKeyLength = 64;
    public const int MaxMetadataValueLength = 1024;
    public const int MaxSearchLimit = 100;
    public const int MaxQueryLength = 8000;

    /// <summary>An observation (a conversation turn sent for write-back) may be longer than a memory: memories are extracted from it.</summary>
    public const int MaxObservationLength = 8000;
    public const string DefaultContext = "chat";


    /// <summary>A feature context's name as apps send it (<c>X-Memory-Context</c>, free text) and as write-back may take
    /// it from an LLM: 1..<see cref="MaxContextLength"/> characters, no surrounding spaces, no control characters.</summary>
    public static bool IsFeatureName(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxContextLength && value.Trim().Length == value.Length && IsPlainText(value);

    /// <summary>Text that is safe to carry as an identifier: no control or format characters (line breaks, tabs, NUL,
    /// bidi overrides, zero-width spaces and marks, line and paragraph separators) except the zero-width joiner and
    /// non-joiner between two non-ASCII characters, where they are part of the text they stand in (emoji sequences
    /// such as 👩‍💻, Persian and Indic words), no
    /// unpaired surrogate, and no U+FFFD, which stands for bytes that were not text (two different undecodable ids
    /// would read as one, and so would share one user's memory).</summary>
    public static bool IsPlainText(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '\u200C' or '\u200D')
            {
                // Only inside the text it joins (between two non-ASCII characters): at either end or beside ASCII it
                // would make "alice\u200D" a different user who looks exactly like "alice".
                if (i > 0 && i < value.Length - 1 && value[i - 1] > '\u007F' && value[i + 1] > '\u007F')
                {
                    continue;
                }

                return false;
            }

            if (char.IsControl(c) || c == '\uFFFD' ||
                char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator)
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                // Format characters beyond the first plane too (the invisible tag characters U+E0000-U+E007F).
                if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, value[i + 1])) == System.Globalization.UnicodeCategory.Format)
                {
                    return false;
                }

                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
    public const double DefaultConfidence = 1.0;
}
