namespace Memory.Tests.Dedup;

/// <summary>Generates fact pairs for the property tests from templates over many life domains. Placeholders:
/// {N} {N2} numbers, {P} a person, {C} a city, {M} a month, {D} a weekday, {T} a time, {U} a distance unit.
/// Each template has a paraphrase with the same placeholders; slot templates state one attribute's value.</summary>
internal sealed class FactPairGenerator(int seed)
{
    public sealed record Template(string Text, string Paraphrase, bool Slot, bool Negatable = false);

    public static readonly Template[] Templates =
    [
        new("Durable fact {N} about kiwi-{N2}.", "durable fact {N} concerning kiwi {N2}", Slot: false),
        new("I run {N} {U} every {D}.", "Every {D} I run {N} {U}.", Slot: false, Negatable: true),
        new("My daughter {P} turns {N} in {M}.", "In {M} my daughter {P} will turn {N}.", Slot: false),
        new("I have a meeting with {P} on {D} at {T}.", "On {D} at {T} I have a meeting with {P}.", Slot: false, Negatable: true),
        new("I booked a flight to {C} on {M} {N}.", "I have booked a flight to {C} for {M} {N}.", Slot: false),
        new("{P} gave me {N} books in {M}.", "In {M}, {P} gave me {N} books.", Slot: false),
        new("I take {N} mg of magnesium at {T}.", "At {T} I take {N} mg of magnesium.", Slot: false, Negatable: true),
        new("My sister {P} has {N} children in {C}.", "My sister {P} has {N} kids in {C}.", Slot: false),
        new("I visit {C} every {M} with {P}.", "Every {M} I visit {C} together with {P}.", Slot: false, Negatable: true),
        new("My locker code is {N}.", "My locker code is {N}!", Slot: true),
        new("My dentist appointment is on {M} {N} at {T}.", "My dentist appointment is at {T} on {M} {N}.", Slot: true),
        new("Our wedding anniversary is on {M} {N}.", "our wedding anniversary is on {M} {N}", Slot: true),
        new("The user's gate number is {N}.", "The user's gate number is {N} .", Slot: true),
        new("My yoga class is on {D} at {T}.", "My yoga class is at {T} on {D}.", Slot: true),
        new("My manager is {P} from {C}.", "My manager is {P}, from {C}.", Slot: true),
    ];

    private static readonly string[] People = ["Anna", "Maria", "Tom", "Kenji", "Priya", "Olu", "Sven", "Lucia", "Farid", "Ines"];
    private static readonly string[] Cities = ["Lyon", "Porto", "Oslo", "Kyoto", "Lima", "Accra", "Quito", "Perth"];
    private static readonly string[] Months = ["January", "March", "April", "June", "July", "October", "December"];
    private static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    private static readonly string[] Times = ["7am", "8:30", "noon", "6pm", "19:45", "9am", "11pm"];
    private static readonly string[] Units = ["km", "miles", "laps", "hours"];

    private static readonly string[] Placeholders = ["{N}", "{N2}", "{P}", "{C}", "{M}", "{D}", "{T}", "{U}"];

    private readonly Random _random = new(seed);

    public Template PickTemplate() => Templates[_random.Next(Templates.Length)];

    /// <summary>A value for every placeholder.</summary>
    public Dictionary<string, string> Fill() => Placeholders.ToDictionary(p => p, Value);

    /// <summary>The same filling with the value of one placeholder that <paramref name="template"/> uses changed.</summary>
    public Dictionary<string, string> Vary(Template template, Dictionary<string, string> values, out string changed)
    {
        var used = Placeholders.Where(p => template.Text.Contains(p, StringComparison.Ordinal)).ToList();
        changed = used[_random.Next(used.Count)];
        var copy = new Dictionary<string, string>(values);
        string next;
        do
        {
            next = Value(changed);
        }
        while (next == values[changed]);

        copy[changed] = next;
        return copy;
    }

    public string Person() => People[_random.Next(People.Length)];

    public static string Render(string text, Dictionary<string, string> values) =>
        Placeholders.Aggregate(text, (t, p) => t.Replace(p, values[p], StringComparison.Ordinal));

    /// <summary>The same text with its case, spacing and trailing punctuation changed.</summary>
    public string Surface(string text)
    {
        var variant = _random.Next(3) switch
        {
            0 => text.ToUpperInvariant(),
            1 => text.ToLowerInvariant(),
            _ => "  " + text.Replace(" ", "   ", StringComparison.Ordinal),
        };
        return variant.TrimEnd('.') + (_random.Next(2) == 0 ? "!" : string.Empty);
    }

    private string Value(string placeholder) => placeholder switch
    {
        "{N}" or "{N2}" => _random.Next(2, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture),
        "{P}" => People[_random.Next(People.Length)],
        "{C}" => Cities[_random.Next(Cities.Length)],
        "{M}" => Months[_random.Next(Months.Length)],
        "{D}" => Weekdays[_random.Next(Weekdays.Length)],
        "{T}" => Times[_random.Next(Times.Length)],
        _ => Units[_random.Next(Units.Length)],
    };
}
