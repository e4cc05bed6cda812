namespace Memory.Retrieval;

/// <summary>Kinds of durable facts about a person that form the always-injected profile, in priority order
/// (lower values win when the profile budget is tight: safety first).</summary>
internal enum ProfileCategory
{
    Allergy = 0,
    Medical = 1,
    Diet = 2,
    Accessibility = 3,
    Name = 4,
    Pronouns = 5,
    Language = 6,
    Style = 7,
    Location = 8,
    /// <summary>Not a profile fact.</summary>
    None = 100,
}
