namespace Memory.WriteBack.Outbox;

/// <summary>Row states in the outbox table.</summary>
internal enum OutboxState
{
    Pending = 0,
    Done = 1,
    Poisoned = 2,
    Dropped = 3,

    /// <summary>Recorded while its call runs; pending once closed with the answer.</summary>
    Open = 4,
}
