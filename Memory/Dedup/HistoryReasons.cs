namespace Memory.Dedup;

/// <summary>The <c>reason</c> a history entry records: a short code, then for de-duplication the kinds of detail
/// that decided it ("distinct: number", "value-changed: number, date").</summary>
internal static class HistoryReasons
{
    /// <summary>ADD with nothing similar stored.</summary>
    public const string New = "new";

    /// <summary>ADD beside a similar memory that differs in a number, date, time, unit, name or negation.</summary>
    public const string Distinct = "distinct";

    /// <summary>UPDATE of the same fact: sources, confidence or metadata merged, wording kept or a paraphrase taken.</summary>
    public const string Reinforced = "reinforced";

    /// <summary>UPDATE to a wording that keeps every detail of the stored one and adds more.</summary>
    public const string Refined = "refined";

    /// <summary>UPDATE / SUPERSEDE: the same slot with a new value (the old value stays in history).</summary>
    public const string ValueChanged = "value-changed";

    /// <summary>UPDATE / SUPERSEDE: the same statement, negated (or no longer negated).</summary>
    public const string Negated = "negated";

    /// <summary>SUPERSEDE of a single-valued slot known from extraction (where one lives, works, ...).</summary>
    public const string SlotReplaced = "slot-replaced";

    /// <summary>SUPERSEDE of the opposite preference ("likes X" after "dislikes X").</summary>
    public const string Contradicted = "contradicted";

    /// <summary>SUPERSEDE the LLM decided (a contradiction it saw).</summary>
    public const string Superseded = "superseded";

    /// <summary>DELETE because the user asked to forget it.</summary>
    public const string Retracted = "retracted";

    /// <summary>Changes made through the API.</summary>
    public const string Patch = "patch";
    public const string Delete = "delete";

    /// <summary>Compression merged related memories or dropped the least useful one.</summary>
    public const string Compressed = "compressed";
    public const string Dropped = "dropped";

    /// <summary>The LLM consolidation decided, and the de-duplication rule agreed.</summary>
    public const string LlmPrefix = "llm ";

    public static string With(string code, DetailKinds kinds) =>
        kinds == DetailKinds.None ? code : $"{code}: {Describe(kinds)}";

    public static string Describe(DetailKinds kinds) =>
        string.Join(", ", Enum.GetValues<DetailKinds>().Where(k => k != DetailKinds.None && kinds.HasFlag(k)).Select(k => k.ToString().ToLowerInvariant()));
}
