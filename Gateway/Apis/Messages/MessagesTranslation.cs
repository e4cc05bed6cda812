using System.Text.Json.Nodes;

namespace Gateway.Apis.Messages;

/// <summary>A Messages request in the pipeline's chat completions form, or why it cannot be read: the
/// <see cref="Field"/> at fault and the <see cref="Problem"/> (a 400 naming it).</summary>
internal sealed record MessagesTranslation(JsonObject? ChatBody, string? Field = null, string? Problem = null)
{
    public bool Ok => ChatBody is not null;

    public static MessagesTranslation Fail(string field, string problem) => new(null, field, problem);
}
