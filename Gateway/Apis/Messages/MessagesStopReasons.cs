namespace Gateway.Apis.Messages;

/// <summary>Stop reasons between the two APIs: chat <c>finish_reason</c> and Messages <c>stop_reason</c>.</summary>
internal static class MessagesStopReasons
{
    /// <summary>The Messages stop reason; <paramref name="stopSequence"/>: the sequence the upstream stopped at, when
    /// it said (an upstream that speaks Messages does; the translation carries it as the choice's <c>stop_sequence</c>).</summary>
    public static string FromChat(string? finishReason, string? stopSequence = null) => finishReason switch
    {
        "stop" when stopSequence is not null => "stop_sequence",
        "length" => "max_tokens",
        "tool_calls" or "function_call" => "tool_use",
        "content_filter" => "refusal",
        _ => "end_turn",
    };

    public static string ToChat(string? stopReason) => stopReason switch
    {
        "max_tokens" or "model_context_window_exceeded" => "length",
        "tool_use" => "tool_calls",
        "refusal" => "content_filter",
        _ => "stop",
    };
}
