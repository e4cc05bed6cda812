using Microsoft.Extensions.Options;

namespace Gateway.Upstream;

/// <summary>The configured upstreams in order: the primary first, then its fallbacks.</summary>
public sealed class UpstreamRegistry
{
    public UpstreamRegistry(IOptions<UpstreamOptions> options)
    {
        var primary = options.Value;
        All = new[] { primary }.Concat(primary.Fallbacks).Select((o, i) => new UpstreamEndpoint(o, i)).ToArray();
    }

    public IReadOnlyList<UpstreamEndpoint> All { get; }

    /// <summary>Upstreams that serve the model, in order; when none claims it, the primary (it may know better).</summary>
    public IReadOnlyList<UpstreamEndpoint> For(string model)
    {
        var serving = All.Where(u => u.Serves(model)).ToArray();
        return serving.Length > 0 ? serving : [All[0]];
    }
}
