namespace Gateway.Upstream.Dialects;

/// <summary>The registered dialects by the kind they speak.</summary>
internal sealed class UpstreamDialects(IEnumerable<IUpstreamDialect> dialects)
{
    private readonly Dictionary<UpstreamKind, IUpstreamDialect> _byKind = dialects.ToDictionary(d => d.Kind);

    public IUpstreamDialect For(UpstreamKind kind) =>
        _byKind.TryGetValue(kind, out var dialect)
            ? dialect
            : throw new InvalidOperationException($"No dialect is registered for upstream kind {kind}.");

    public bool Has(UpstreamKind kind) => _byKind.ContainsKey(kind);
}
