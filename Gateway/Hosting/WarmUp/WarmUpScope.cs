namespace Gateway.Hosting.WarmUp;

/// <summary>Marks the asynchronous flow of one warm-up call (set by <see cref="WarmUpMiddleware"/>): its upstream
/// call goes to the built-in upstream, it needs no app key, is not rate limited and its deadline misses are not
/// counted.</summary>
public static class WarmUpScope
{
    private static readonly AsyncLocal<bool> Current = new();

    /// <summary>True inside a warm-up call.</summary>
    public static bool IsActive => Current.Value;

    internal static void Enter() => Current.Value = true;
}
