namespace Memory.WriteBack.Extraction;

/// <summary>Pseudo-slots used only by retractions.</summary>
internal static class WriteBackSlots
{
    /// <summary>A retraction by subject alone ("forget about jazz"): matches that subject in any slot.</summary>
    public const string Any = "any";
}
