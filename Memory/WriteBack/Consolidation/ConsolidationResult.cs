namespace Memory.WriteBack.Consolidation;

/// <summary>Counts of what consolidating one turn did.</summary>
internal sealed class ConsolidationResult
{
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Superseded { get; set; }
    public int Deleted { get; set; }
    public int Unchanged { get; set; }

    /// <summary>Facts older than the current memory they contradict, stored as its past.</summary>
    public int Historical { get; set; }

    /// <summary>The user withdrew consent after the turn was picked up (while its facts were extracted): nothing was
    /// written, and the turn is dropped.</summary>
    public bool ConsentWithdrawn { get; set; }

    public bool Changed => Added + Updated + Superseded + Deleted + Historical > 0;
}
