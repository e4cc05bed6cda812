namespace Gateway.Hosting.WarmUp;

/// <summary>What the request-path warm-up did: calls made and failed, how long it took, and why it stopped early or
/// did not run (<see cref="Skipped"/>).</summary>
public sealed record WarmUpReport(int Calls, int Failed, TimeSpan Elapsed, string? Skipped = null);
