using System.Collections.Concurrent;

namespace Gateway.Prompts;

/// <summary>In-memory, lock-free per-variant counters (since process start), kept per tenant.</summary>
internal sealed class PromptStats : IPromptStats
{
    /// <summary>The variant name reported for templates that declare no variants.</summary>
    public const string DefaultVariant = "default";

    private readonly ConcurrentDictionary<(string Tenant, string Template, string Variant), Counters> _counters = new(KeyComparer.Instance);

    public void Record(PromptUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        if (string.IsNullOrEmpty(usage.TemplateName))
        {
            return;
        }

        var counters = _counters.GetOrAdd((usage.Tenant, usage.TemplateName, usage.Variant ?? DefaultVariant), static _ => new Counters());
        counters.Add(usage);
    }

    public IReadOnlyList<PromptVariantStats> GetStats(string templateName) => GetStats(PromptUsage.DefaultTenant, templateName);

    public IReadOnlyList<PromptVariantStats> GetStats(string tenant, string templateName) =>
        _counters
            .Where(kv => string.Equals(kv.Key.Tenant, tenant, StringComparison.Ordinal) &&
                         string.Equals(kv.Key.Template, templateName, StringComparison.OrdinalIgnoreCase))
            .Select(kv => kv.Value.Snapshot(kv.Key.Variant))
            .OrderBy(s => s.Variant, StringComparer.Ordinal)
            .ToList();

    private sealed class Counters
    {
        private long _requests;
        private long _interventions;
        private long _promptTokens;
        private long _promptReports;
        private long _completionTokens;
        private long _completionReports;
        private readonly ConcurrentDictionary<string, byte> _versions = new(StringComparer.Ordinal);

        public void Add(PromptUsage usage)
        {
            Interlocked.Increment(ref _requests);
            if (usage.GuardrailIntervened)
            {
                Interlocked.Increment(ref _interventions);
            }

            if (usage.PromptTokens is { } prompt and >= 0)
            {
                Interlocked.Add(ref _promptTokens, prompt);
                Interlocked.Increment(ref _promptReports);
            }

            if (usage.CompletionTokens is { } completion and >= 0)
            {
                Interlocked.Add(ref _completionTokens, completion);
                Interlocked.Increment(ref _completionReports);
            }

            if (!string.IsNullOrEmpty(usage.TemplateVersion) && _versions.Count < 100)
            {
                _versions.TryAdd(usage.TemplateVersion, 0);
            }
        }

        public PromptVariantStats Snapshot(string variant)
        {
            var promptReports = Interlocked.Read(ref _promptReports);
            var completionReports = Interlocked.Read(ref _completionReports);
            return new PromptVariantStats(
                variant,
                Interlocked.Read(ref _requests),
                Interlocked.Read(ref _interventions),
                promptReports == 0 ? null : Math.Round((double)Interlocked.Read(ref _promptTokens) / promptReports, 1),
                completionReports == 0 ? null : Math.Round((double)Interlocked.Read(ref _completionTokens) / completionReports, 1),
                _versions.Keys.Order(StringComparer.Ordinal).ToList());
        }
    }

    private sealed class KeyComparer : IEqualityComparer<(string Tenant, string Template, string Variant)>
    {
        public static KeyComparer Instance { get; } = new();

        public bool Equals((string Tenant, string Template, string Variant) x, (string Tenant, string Template, string Variant) y) =>
            StringComparer.Ordinal.Equals(x.Tenant, y.Tenant) &&
            StringComparer.OrdinalIgnoreCase.Equals(x.Template, y.Template) && StringComparer.OrdinalIgnoreCase.Equals(x.Variant, y.Variant);

        public int GetHashCode((string Tenant, string Template, string Variant) obj) =>
            HashCode.Combine(StringComparer.Ordinal.GetHashCode(obj.Tenant),
                StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Template), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Variant));
    }
}
