namespace Gateway.Upstream;

/// <summary>One line of an upstream SSE stream (without its newline), or the failure that ended the stream.
/// <see cref="EndOfBatch"/> is set on the last line of what arrived together, where a relay flushes.</summary>
public readonly record struct UpstreamLine(byte[] Bytes, bool EndOfBatch, UpstreamAnswerFailure? Failure = null);
