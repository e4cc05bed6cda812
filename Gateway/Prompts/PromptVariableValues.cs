using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Prompts;

/// <summary>Turns the values callers pass into the text a template inserts: strings as they are, times as ISO 8601
/// UTC, numbers invariant, string lists one per line, anything else as JSON.</summary>
internal static class PromptVariableValues
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A case-insensitive map of text values (null stays null: "not given").</summary>
    public static Dictionary<string, string?> ToText(IReadOnlyDictionary<string, object?> variables)
    {
        var values = new Dictionary<string, string?>(variables.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in variables)
        {
            values[name] = ToText(value);
        }

        return values;
    }

    public static string? ToText(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateTimeOffset t => Iso(t),
        DateTime t => Iso(t.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(t, TimeSpan.Zero) : new DateTimeOffset(t)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        JsonNode node => node.ToJsonString(),
        IEnumerable<string> lines => string.Join('\n', lines),
        _ => JsonSerializer.Serialize(value, value.GetType(), Json),
    };

    /// <summary>ISO 8601 in UTC to the second, e.g. <c>2025-06-01T14:03:00Z</c>.</summary>
    public static string Iso(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
