using System.Text;

namespace Gateway.Apis.Responses;

/// <summary>One output item of a streamed response as it grows: an assistant message (its text and refusal
/// parts) or a function call (its arguments, in the order they arrived).</summary>
internal sealed class StreamedOutputItem(string id, int outputIndex, bool isFunctionCall)
{
    public string Id { get; } = id;
    public int OutputIndex { get; } = outputIndex;
    public bool IsFunctionCall { get; } = isFunctionCall;

    // A message's parts, by content index (-1: not opened).
    public StringBuilder Text { get; } = new();
    public int TextPart { get; set; } = -1;
    public StringBuilder Refusal { get; } = new();
    public int RefusalPart { get; set; } = -1;
    public int Parts { get; set; }

    // A function call's fields.
    public string CallId { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public StringBuilder Arguments { get; } = new();
}
