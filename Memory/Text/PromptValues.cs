namespace Memory.Text;

/// <summary>App-given identifiers (end-user ids, feature contexts) as prompts show them. They are free text, and
/// templates set them among the prompt's own words: one of plain identifier characters goes as it is ("alice",
/// "docs"); any other is shown in double quotes (backslash and quote escaped), at most 64 characters, so it reads as a
/// value, never as the prompt's words. The chat frame and the write-back extraction prompt both use it.</summary>
public static class PromptValues
{
    private const int MaxChars = 64;

    private static readonly System.Buffers.SearchValues<char> PlainIdentifier =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:@+-");

    public static string Quoted(string value)
    {
        if (value.Length <= MaxChars && !value.AsSpan().ContainsAnyExcept(PlainIdentifier))
        {
            return value;
        }

        var capped = value.Length <= MaxChars ? value : value[..MaxChars] + "...";
        return "\"" + capped.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
