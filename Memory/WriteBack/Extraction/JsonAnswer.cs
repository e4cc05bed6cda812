using System.Text.Json;

namespace Memory.WriteBack.Extraction;

/// <summary>Helpers for reading an LLM's JSON answer: code fences stripped, typed property access that reports
/// schema violations by path (never by content).</summary>
internal static class JsonAnswer
{
    /// <summary>Parses the answer, tolerating a Markdown code fence around it; null with a reason when not JSON.</summary>
    public static JsonDocument? Parse(string? answer, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(answer))
        {
            error = "empty answer";
            return null;
        }

        var text = answer.Trim();
        if (text.StartsWith("```", StringComparison.Ordinal))
        {
            var firstLine = text.IndexOf('\n', StringComparison.Ordinal);
            var lastFence = text.LastIndexOf("```", StringComparison.Ordinal);
            text = firstLine > 0 && lastFence > firstLine ? text[(firstLine + 1)..lastFence] : text.Trim('`');
        }

        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            error = "not valid JSON";
            return null;
        }
    }

    public static bool TryGetString(JsonElement obj, string name, bool nullable, out string? value, ref string? error, string path)
    {
        value = null;
        if (!obj.TryGetProperty(name, out var p))
        {
            error ??= $"{path}.{name} missing";
            return false;
        }

        if (p.ValueKind == JsonValueKind.Null && nullable)
        {
            return true;
        }

        if (p.ValueKind != JsonValueKind.String)
        {
            error ??= $"{path}.{name} is not a string";
            return false;
        }

        value = p.GetString();
        return true;
    }

    public static bool TryGetNumber(JsonElement obj, string name, double min, double max, out double value, ref string? error, string path)
    {
        value = 0;
        if (!obj.TryGetProperty(name, out var p) || p.ValueKind != JsonValueKind.Number || !p.TryGetDouble(out value))
        {
            error ??= $"{path}.{name} is not a number";
            return false;
        }

        if (value < min || value > max || double.IsNaN(value))
        {
            error ??= $"{path}.{name} out of range";
            return false;
        }

        return true;
    }

    public static bool TryGetStringArray(JsonElement obj, string name, int minItems, out List<string> values, ref string? error, string path)
    {
        values = [];
        if (!obj.TryGetProperty(name, out var p) || p.ValueKind != JsonValueKind.Array)
        {
            error ??= $"{path}.{name} is not an array";
            return false;
        }

        foreach (var item in p.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                error ??= $"{path}.{name} holds a non-string";
                return false;
            }

            values.Add(item.GetString()!);
        }

        if (values.Count < minItems)
        {
            error ??= $"{path}.{name} has fewer than {minItems} items";
            return false;
        }

        return true;
    }

    /// <summary>False (with the offending property's path) when the object has a property not in <paramref name="allowed"/>.</summary>
    public static bool OnlyProperties(JsonElement obj, IReadOnlyCollection<string> allowed, ref string? error, string path)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                error ??= $"{path} has an unexpected property";
                return false;
            }
        }

        return true;
    }
}
