using System.Buffers;

namespace Gateway.Pipeline;

/// <summary>What a valid end-user id and feature context look like; both arrive from apps and are carried
/// through every stage, so they are checked once, here.</summary>
public static class IdentityRules
{
    public const int MaxUserIdLength = 128;
    public const int MaxContextLength = Memory.MemoryLimits.MaxContextLength;
    public const string DefaultContext = "chat";

    private static readonly SearchValues<char> UserIdChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:@+-");

    /// <summary>1..128 characters of letters, digits and <c>. _ : @ + -</c>.</summary>
    public static bool IsValidUserId(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxUserIdLength && !value.AsSpan().ContainsAnyExcept(UserIdChars);

    /// <summary>1..64 characters of letters, digits and <c>. _ -</c>.</summary>
    public static bool IsValidContext(string? value) => Memory.MemoryLimits.IsFeatureName(value);
}
