using Memory.Model;
using Memory.WriteBack;

namespace Memory.Tests.WriteBack;

/// <summary>Builds conversation turns for tests.</summary>
internal static class Turns
{
    public static readonly UserKey User = new("tenant-a", "user-1");

    public static ConversationTurn Chat(string turnId, params (string Id, string Text)[] messages) => new()
    {
        TurnId = turnId,
        User = User,
        Context = "chat",
        UserMessages = [.. messages.Select(m => new TurnMessage(m.Id, m.Text))],
        At = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero),
    };

    public static ConversationTurn Say(string turnId, string text, UserKey? user = null, DateTimeOffset? at = null) =>
        Chat(turnId, ($"{turnId}:0", text)) with
        {
            User = user ?? User,
            At = at ?? new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero),
        };

    /// <summary>An observation a feature reported (<c>POST /v1/users/{id}/observations</c>).</summary>
    public static ConversationTurn Observe(string turnId, string text, DateTimeOffset? at = null) =>
        Say(turnId, text, at: at) with { IsObservation = true, Context = "search" };
}
