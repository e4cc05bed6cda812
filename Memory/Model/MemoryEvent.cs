namespace Memory.Model;

/// <summary>What a write did to the user's memory; also the event kind recorded in history.</summary>
public enum MemoryEvent
{
    Add,
    Update,
    Noop,
    Supersede,
    Delete,
}

public static class MemoryEventNames
{
    /// <summary>The wire name: ADD, UPDATE, NOOP, SUPERSEDE, DELETE.</summary>
    public static string ToWire(this MemoryEvent e) => e switch
    {
        MemoryEvent.Add => "ADD",
        MemoryEvent.Update => "UPDATE",
        MemoryEvent.Noop => "NOOP",
        MemoryEvent.Supersede => "SUPERSEDE",
        MemoryEvent.Delete => "DELETE",
        _ => e.ToString().ToUpperInvariant(),
    };
}
