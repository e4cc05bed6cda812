using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema;

namespace Guardrails.Checks;

/// <summary>The regular expressions of an app-supplied JSON schema (<c>pattern</c> values and
/// <c>patternProperties</c> keys). NJsonSchema matches them with the backtracking engine and no timeout, so a
/// hostile pattern such as <c>^(a+)+$</c> could hang a request; before NJsonSchema sees an answer, every string
/// and property name of it is matched here with the same engine under a timeout, and an answer any pattern
/// cannot decide in time fails the schema. NJsonSchema then repeats only matches known to finish.</summary>
internal static class SchemaPatterns
{
    /// <summary>Longest one pattern may take on one string.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private static readonly ConditionalWeakTable<JsonSchema, Set> BySchema = [];

    /// <summary>The patterns of a schema: <see cref="Values"/> apply to strings, <see cref="Names"/> to
    /// property names.</summary>
    internal sealed record Set(IReadOnlyList<string> Values, IReadOnlyList<string> Names)
    {
        public bool IsEmpty => Values.Count == 0 && Names.Count == 0;
    }

    /// <summary>The patterns of a parsed schema (collected once per schema object).</summary>
    public static Set Of(JsonSchema schema) =>
        BySchema.GetValue(schema, static s => Collect(JsonNode.Parse(s.ToJson(), documentOptions: new JsonDocumentOptions { MaxDepth = 256 })));

    /// <summary>Keeps the patterns collected from the schema's own JSON for <see cref="Of"/>.</summary>
    public static void Remember(JsonSchema schema, Set patterns) => BySchema.AddOrUpdate(schema, patterns);

    /// <summary>The patterns anywhere in <paramref name="schema"/>, skipping data keywords (<c>enum</c>,
    /// <c>const</c>, <c>default</c>, <c>examples</c>) whose values are not schemas.</summary>
    public static Set Collect(JsonNode? schema)
    {
        var values = new List<string>();
        var names = new List<string>();
        Walk(schema, values, names, 0);
        return new Set(values.Distinct(StringComparer.Ordinal).ToList(), names.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The first pattern .NET cannot parse, with the reason; null when all parse.</summary>
    public static string? FirstInvalid(Set patterns)
    {
        foreach (var pattern in patterns.Values.Concat(patterns.Names))
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, MatchTimeout);
            }
            catch (ArgumentException ex)
            {
                var shown = pattern.Length <= 64 ? pattern : pattern[..64] + "…";
                var reason = ex is RegexParseException parse ? parse.Error.ToString() : "invalid";
                return $"the pattern '{shown}' is not a valid regular expression ({reason} at offset {(ex as RegexParseException)?.Offset ?? 0})";
            }
        }

        return null;
    }

    /// <summary>Matches every string of <paramref name="answer"/> against the value patterns and every property
    /// name against the name patterns; false (with a reason) when one match does not finish in time or a pattern
    /// does not parse. <paramref name="budget"/> bounds the whole scan.</summary>
    public static bool Decide(JsonElement answer, Set patterns, CheckBudget? budget, out string? reason)
    {
        reason = null;
        var stack = new Stack<JsonElement>();
        stack.Push(answer);
        try
        {
            while (stack.Count > 0)
            {
                budget?.ThrowIfExceeded();
                var element = stack.Pop();
                switch (element.ValueKind)
                {
                    case JsonValueKind.Object:
                        foreach (var property in element.EnumerateObject())
                        {
                            MatchAll(property.Name, patterns.Names);
                            stack.Push(property.Value);
                        }

                        break;
                    case JsonValueKind.Array:
                        foreach (var item in element.EnumerateArray())
                        {
                            stack.Push(item);
                        }

                        break;
                    case JsonValueKind.String:
                        MatchAll(element.GetString()!, patterns.Values);
                        break;
                }
            }

            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            reason = $"a schema pattern did not finish within {MatchTimeout.TotalMilliseconds:0} ms on the answer";
            return false;
        }
        catch (ArgumentException)
        {
            reason = "a schema pattern is not a valid regular expression";
            return false;
        }
    }

    private static void MatchAll(string value, IReadOnlyList<string> patterns)
    {
        foreach (var pattern in patterns)
        {
            _ = Regex.IsMatch(value, pattern, RegexOptions.None, MatchTimeout);
        }
    }

    private static void Walk(JsonNode? node, List<string> values, List<string> names, int depth)
    {
        if (depth > 256)
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    switch (key)
                    {
                        case "enum" or "const" or "default" or "examples" or "example":
                            continue;
                        case "pattern" when value is JsonValue v && v.TryGetValue<string>(out var pattern):
                            values.Add(pattern);
                            continue;
                        case "patternProperties" when value is JsonObject properties:
                            foreach (var (name, schema) in properties)
                            {
                                names.Add(name);
                                Walk(schema, values, names, depth + 1);
                            }

                            continue;
                        case "properties" or "definitions" or "$defs" when value is JsonObject named:
                            // Keys here are property or definition names, never keywords.
                            foreach (var (_, schema) in named)
                            {
                                Walk(schema, values, names, depth + 1);
                            }

                            continue;
                        default:
                            Walk(value, values, names, depth + 1);
                            continue;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, values, names, depth + 1);
                }

                break;
        }
    }
}
