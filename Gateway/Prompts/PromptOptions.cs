namespace Gateway.Prompts;

/// <summary>Settings section <c>Prompts</c>: where templates live, how fast edits go live, and the context
/// windows the assembled request must fit.</summary>
public sealed class PromptOptions
{
    public const string Section = "Prompts";

    /// <summary>The YAML templates; a relative path resolves against the content root.</summary>
    public string Directory { get; set; } = "prompts";

    /// <summary>How often the directory is re-read even when the file watcher reported nothing.</summary>
    public int PollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>Quiet time after a file-watcher event before the directory is re-read (editors write in bursts).</summary>
    public int DebounceMilliseconds { get; set; } = 200;

    /// <summary>Context window of models not listed in <see cref="ContextWindows"/>.</summary>
    public int DefaultContextWindow { get; set; } = 128_000;

    /// <summary>Context window per model name prefix (longest matching prefix wins), e.g. <c>gpt-4o: 128000</c>.</summary>
    public Dictionary<string, int> ContextWindows { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Tokens kept free for the answer when the request sets neither <c>max_completion_tokens</c> nor <c>max_tokens</c>.</summary>
    public int DefaultOutputReserve { get; set; } = 1024;

    /// <summary>Extra tokens kept free for the per-message framing and tools the count cannot see exactly.</summary>
    public int ContextHeadroom { get; set; } = 64;
}
