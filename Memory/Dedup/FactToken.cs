namespace Memory.Dedup;

/// <summary>One word of a fact: its lower-case form, its class and, for details, the canonical value compared
/// (for example "4417", "may", "km", "pm").</summary>
internal readonly record struct FactToken(string Lower, TokenClass Class, string? Value);
