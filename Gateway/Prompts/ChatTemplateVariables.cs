namespace Gateway.Prompts;

/// <summary>The variables the prompt assembler gives every chat template (<c>chat</c>, <c>chat.&lt;context&gt;</c>
/// and per-key overrides).</summary>
public static class ChatTemplateVariables
{
    /// <summary>The formatted memory block, delimited and marked with the request's canary.</summary>
    public const string Memories = "memories";
    /// <summary>The end user's id.</summary>
    public const string UserId = "user_id";
    /// <summary>The feature context (X-Memory-Context), default <c>chat</c>.</summary>
    public const string Context = "context";
    /// <summary>The current UTC time, ISO 8601 to the second.</summary>
    public const string Now = "now";
    /// <summary>The model the request asked for.</summary>
    public const string Model = "model";
    /// <summary>How many memories the block holds.</summary>
    public const string MemoryCount = "memory_count";

    /// <summary>Every name above.</summary>
    public static IReadOnlySet<string> All { get; } =
        new HashSet<string>([Memories, UserId, Context, Now, Model, MemoryCount], StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a template of this name frames chat requests and so only gets the variables above.</summary>
    public static bool IsChatTemplate(string name) =>
        name.Equals("chat", StringComparison.OrdinalIgnoreCase) || name.StartsWith("chat.", StringComparison.OrdinalIgnoreCase);
}
