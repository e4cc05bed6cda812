namespace Memory.Dedup;

/// <summary>The verdict for one stored/incoming pair, the kinds of detail that differ, and the reason recorded in
/// history (see <see cref="HistoryReasons"/>).</summary>
internal sealed record DedupDecision(DedupVerdict Verdict, DetailKinds Differences, string Reason);
