namespace Gateway.Pipeline;

/// <summary>What a valid end-user id and feature context look like; both arrive from apps and are carried
/// through every stage, so they are checked once, here. Both are free text, as OpenAI's <c>user</c> is: ids such as
/// <c>auth0|abc123</c>, <c>Jöran</c> or <c>user 1</c> are taken as they are; only what cannot be carried safely
/// (control characters, unpaired surrogates, surrounding spaces, over-long values) is refused.</summary>
public static class IdentityRules
{
    public const int MaxUserIdLength = 256;
    public const int MaxContextLength = Memory.MemoryLimits.MaxContextLength;
    public const string DefaultContext = "chat";

    /// <summary>The rule in words, for error messages.</summary>
    public const string UserIdRule = "The user id must be 1-256 characters of text (UTF-8), without control characters or surrounding spaces, and not \".\" or \"..\".";

    /// <summary>1..256 characters, no control characters, no unpaired surrogates, no surrounding spaces; not "." or
    /// "..", which a URL path resolves as dot segments: the memory API (<c>/v1/users/{userId}/...</c>) could never
    /// export or erase what chat remembered under them.</summary>
    public static bool IsValidUserId(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxUserIdLength && value.Trim().Length == value.Length &&
        value is not ("." or "..") && Memory.MemoryLimits.IsPlainText(value);

    /// <summary>1..64 characters, no control characters, no surrounding spaces (<see cref="Memory.MemoryLimits.IsFeatureName"/>).</summary>
    public static bool IsValidContext(string? value) => Memory.MemoryLimits.IsFeatureName(value);
}
