using System.Globalization;
using Gateway.Prompts;
using Memory.Cluster;
using StackExchange.Redis;

namespace Gateway.Hosting.Cluster;

/// <summary>Prompt-variant statistics summed over every replica: each finished request adds to a Redis hash per
/// tenant and template (fire and forget, so recording never waits); reads sum what all replicas recorded. While
/// Redis is down, this replica's own counters (since its start) are recorded and answered instead.</summary>
internal sealed class ClusterPromptStats(RedisConnection redis) : IPromptStats
{
    private const char Separator = '\u001f';
    private readonly PromptStats _local = new();

    public void Record(PromptUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        if (string.IsNullOrEmpty(usage.TemplateName))
        {
            return;
        }

        var db = redis.Database;
        if (db is null)
        {
            _local.Record(usage);
            return;
        }

        var key = redis.Keys.PromptStats(usage.Tenant, usage.TemplateName);
        var variant = usage.Variant ?? PromptStats.DefaultVariant;
        var batch = db.CreateBatch();
        _ = batch.HashIncrementAsync(key, Field(variant, "requests"), 1, CommandFlags.FireAndForget);
        if (usage.GuardrailIntervened)
        {
            _ = batch.HashIncrementAsync(key, Field(variant, "interventions"), 1, CommandFlags.FireAndForget);
        }

        if (usage.PromptTokens is { } prompt and >= 0)
        {
            _ = batch.HashIncrementAsync(key, Field(variant, "promptTokens"), prompt, CommandFlags.FireAndForget);
            _ = batch.HashIncrementAsync(key, Field(variant, "promptReports"), 1, CommandFlags.FireAndForget);
        }

        if (usage.CompletionTokens is { } completion and >= 0)
        {
            _ = batch.HashIncrementAsync(key, Field(variant, "completionTokens"), completion, CommandFlags.FireAndForget);
            _ = batch.HashIncrementAsync(key, Field(variant, "completionReports"), 1, CommandFlags.FireAndForget);
        }

        if (!string.IsNullOrEmpty(usage.TemplateVersion))
        {
            _ = batch.HashSetAsync(key, Field(variant, "version" + Separator + usage.TemplateVersion), 1, When.Always, CommandFlags.FireAndForget);
        }

        batch.Execute();
    }

    public IReadOnlyList<PromptVariantStats> GetStats(string tenant, string templateName)
    {
        var db = redis.Database;
        if (db is null)
        {
            return _local.GetStats(tenant, templateName);
        }

        HashEntry[] entries;
        try
        {
            entries = db.HashGetAll(redis.Keys.PromptStats(tenant, templateName));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            redis.Failed(e);
            return _local.GetStats(tenant, templateName);
        }

        var variants = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var versions = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var parts = ((string)entry.Name!).Split(Separator);
            if (parts.Length == 3 && parts[1] == "version")
            {
                (versions.TryGetValue(parts[0], out var set) ? set : versions[parts[0]] = new SortedSet<string>(StringComparer.Ordinal)).Add(parts[2]);
            }
            else if (parts.Length == 2)
            {
                (variants.TryGetValue(parts[0], out var counters) ? counters : variants[parts[0]] = new Dictionary<string, long>(StringComparer.Ordinal))[parts[1]] =
                    long.Parse((string)entry.Value!, CultureInfo.InvariantCulture);
            }
        }

        return [.. variants.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new PromptVariantStats(
            v.Key,
            v.Value.GetValueOrDefault("requests"),
            v.Value.GetValueOrDefault("interventions"),
            Mean(v.Value, "promptTokens", "promptReports"),
            Mean(v.Value, "completionTokens", "completionReports"),
            versions.TryGetValue(v.Key, out var seen) ? [.. seen] : []))];
    }

    private static string Field(string variant, string counter) => variant + Separator + counter;

    private static double? Mean(Dictionary<string, long> counters, string sum, string reports) =>
        counters.GetValueOrDefault(reports) is var count and > 0 ? Math.Round((double)counters.GetValueOrDefault(sum) / count, 1) : null;
}
