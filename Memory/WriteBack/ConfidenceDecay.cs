using Memory.Model;
using Memory.WriteBack.Extraction;

namespace Memory.WriteBack;

/// <summary>Time-aware confidence: a memory's stored confidence halves every half-life since it was last stated
/// or reinforced. Pure; retrieval applies it at read time and compares with the injection floor.</summary>
public static class ConfidenceDecay
{
    public const double DefaultHalfLifeDays = 180;
    public const double DefaultDurableFactor = 4;

    /// <summary>Effective confidence now, with the default half-life.</summary>
    public static double Effective(MemoryItem memory, DateTimeOffset now) =>
        Effective(memory, now, DefaultHalfLifeDays, DefaultDurableFactor);

    /// <summary>Effective confidence now: <c>confidence × 0.5^(age / halfLife)</c>, age counted from the later of
    /// <c>updatedAt</c> and <c>occurredAt</c>; durable slots use <paramref name="durableFactor"/> × the half-life.</summary>
    public static double Effective(MemoryItem memory, DateTimeOffset now, double halfLifeDays, double durableFactor = DefaultDurableFactor)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var confidence = Math.Clamp(memory.Confidence, 0, 1);
        if (halfLifeDays <= 0)
        {
            return confidence;
        }

        var last = memory.UpdatedAt > memory.OccurredAt ? memory.UpdatedAt : memory.OccurredAt;
        var ageDays = (now - last).TotalDays;
        if (ageDays <= 0)
        {
            return confidence;
        }

        var slot = memory.Metadata.TryGetValue(FactSlots.MetadataKey, out var s) ? s : null;
        var halfLife = FactSlots.IsDurable(slot) ? halfLifeDays * Math.Max(1, durableFactor) : halfLifeDays;
        return confidence * Math.Pow(0.5, ageDays / halfLife);
    }

    /// <summary>Confidence after the same fact was stated again: a noisy-or of both, capped below certainty.</summary>
    public static double Reinforce(double current, double observed)
    {
        var a = Math.Clamp(current, 0, 1);
        var b = Math.Clamp(observed, 0, 1);
        return Math.Min(0.99, Math.Max(Math.Max(a, b), 1 - ((1 - a) * (1 - (b * 0.5)))));
    }
}
