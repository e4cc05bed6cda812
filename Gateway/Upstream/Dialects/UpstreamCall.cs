namespace Gateway.Upstream.Dialects;

/// <summary>One prepared upstream call: the path relative to the upstream's base URL and the JSON body; or, when
/// the request holds something the upstream's API cannot carry, the field and why (answered as a 400 naming it,
/// never dropped silently).</summary>
internal sealed record UpstreamCall(string Path, byte[]? Body, string? UntranslatableField = null, string? Problem = null)
{
    public bool CanSend => UntranslatableField is null;

    public static UpstreamCall Untranslatable(string field, string problem) => new(string.Empty, null, field, problem);
}
