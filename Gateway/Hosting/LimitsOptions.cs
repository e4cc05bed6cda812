namespace Gateway.Hosting;

/// <summary>Settings section <c>Limits</c>.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request body in bytes; above it the gateway answers 413.</summary>
    public long MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest upstream answer in bytes (a plain body, or a whole stream); past it the answer ends with
    /// an error (502 before any byte, else an SSE error event) and the gateway stops reading.</summary>
    public long MaxAnswerBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Longest line of an upstream SSE stream in bytes; a line without a newline past it ends the answer.</summary>
    public int MaxAnswerLineBytes { get; set; } = 1024 * 1024;

    /// <summary>Longest silence of an upstream mid-answer (after its headers) before the answer ends with an
    /// error (504 before any byte, else an SSE error event).</summary>
    public double AnswerIdleTimeoutSeconds { get; set; } = 60;
}
