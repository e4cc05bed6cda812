namespace Memory.WriteBack.Extraction;

/// <summary>The slots (categories) a learned fact belongs to, and how facts in a slot combine: a single-valued slot
/// holds one current value (a newer one supersedes), a multi-valued slot accumulates.</summary>
internal static class FactSlots
{
    public const string MetadataKey = "slot";
    public const string SubjectKey = "subject";

    public const string Name = "name";
    public const string Nickname = "nickname";
    public const string Age = "age";
    public const string Birthday = "birthday";
    public const string Location = "location";
    public const string Origin = "origin";
    public const string Birthplace = "birthplace";
    public const string Timezone = "timezone";
    public const string Employer = "employer";
    public const string Job = "job";
    public const string Education = "education";
    public const string Diet = "diet";
    public const string Food = "food";
    public const string Allergy = "allergy";
    public const string Like = "like";
    public const string Dislike = "dislike";
    public const string Favorite = "favorite";
    public const string Family = "family";
    public const string Marital = "marital";
    public const string Pet = "pet";
    public const string Schedule = "schedule";
    public const string Language = "language";
    public const string Learning = "learning";
    public const string Style = "style";
    public const string Observation = "observation";
    public const string Other = "other";

    /// <summary>Every slot name the LLM may answer with (style and favorite take an aspect: <c>style.length</c>).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Name, Nickname, Age, Birthday, Location, Origin, Birthplace, Timezone, Employer, Job, Education, Diet, Food,
        Allergy, Like, Dislike, Favorite, Family, Marital, Pet, Schedule, Language, Learning, Style, Observation, Other,
    ];

    private static readonly HashSet<string> SingleValued = new(StringComparer.Ordinal)
    {
        Name, Nickname, Age, Birthday, Location, Origin, Birthplace, Timezone, Employer, Job, Education, Diet, Marital,
    };

    private static readonly HashSet<string> Durable = new(StringComparer.Ordinal)
    {
        Name, Birthday, Birthplace, Origin, Allergy, Family, Language, Marital,
    };

    /// <summary>Slots retention never drops on its own (identity and safety facts).</summary>
    private static readonly HashSet<string> Protected = new(StringComparer.Ordinal)
    {
        Name, Nickname, Location, Employer, Job, Diet, Allergy, Timezone,
    };

    /// <summary>The slot without its aspect: <c>style.length</c> → <c>style</c>.</summary>
    public static string Root(string slot)
    {
        var dot = slot.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? slot : slot[..dot];
    }

    public static bool IsKnown(string? slot) => slot is not null && All.Contains(Root(slot), StringComparer.Ordinal);

    public static bool IsSingleValued(string? slot) =>
        slot is not null && (SingleValued.Contains(slot) || (slot.Contains('.', StringComparison.Ordinal) && Root(slot) is Style or Favorite));

    public static bool IsDurable(string? slot) => slot is not null && Durable.Contains(Root(slot));

    public static bool IsProtected(string? slot) => slot is not null && (Protected.Contains(Root(slot)) || Root(slot) == Style);

    /// <summary>Like and dislike of the same subject contradict each other.</summary>
    public static string? Opposite(string? slot) => slot switch
    {
        Like => Dislike,
        Dislike => Like,
        _ => null,
    };

    /// <summary>Canonical form of an LLM-supplied slot, or <see cref="Other"/>.</summary>
    public static string Normalize(string? slot)
    {
        if (string.IsNullOrWhiteSpace(slot))
        {
            return Other;
        }

        var s = slot.Trim().ToLowerInvariant().Replace(' ', '-');
        s = s switch
        {
            "city" or "home" or "residence" => Location,
            "work" or "company" => Employer,
            "occupation" or "profession" or "role" => Job,
            "likes" or "preference" or "hobby" or "interest" => Like,
            "dislikes" => Dislike,
            "allergies" => Allergy,
            "pets" => Pet,
            "languages" => Language,
            "preferences" or "communication" => Style,
            _ => s,
        };
        return IsKnown(s) ? s : Other;
    }
}
