using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;

namespace TestDoubles.Qdrant;

/// <summary>Resolves a Qdrant payload key (<c>a</c>, <c>a.b</c>, <c>a[].b</c>, <c>a[0].b</c>) to the values it
/// names. A leaf array counts as its elements, as in Qdrant's filtering; a missing key yields nothing.</summary>
internal static class PayloadPath
{
    public static List<Value> Resolve(MapField<string, Value> payload, string key)
    {
        var current = new List<Value> { new() { StructValue = ToStruct(payload) } };
        foreach (var rawSegment in key.Split('.'))
        {
            var (name, index) = ParseSegment(rawSegment);
            var next = new List<Value>();
            foreach (var value in current)
            {
                if (value.KindCase != Value.KindOneofCase.StructValue ||
                    !value.StructValue.Fields.TryGetValue(name, out var child))
                {
                    continue;
                }

                if (index is null)
                {
                    next.Add(child);
                }
                else if (child.KindCase == Value.KindOneofCase.ListValue)
                {
                    if (index == -1)
                    {
                        next.AddRange(child.ListValue.Values);
                    }
                    else if (index < child.ListValue.Values.Count)
                    {
                        next.Add(child.ListValue.Values[index.Value]);
                    }
                }
            }

            current = next;
        }

        var flat = new List<Value>();
        foreach (var value in current)
        {
            if (value.KindCase == Value.KindOneofCase.ListValue)
            {
                flat.AddRange(value.ListValue.Values);
            }
            else
            {
                flat.Add(value);
            }
        }

        return flat;
    }

    /// <summary>True when the key is present and holds <c>null</c>.</summary>
    public static bool IsNull(MapField<string, Value> payload, string key)
    {
        var parent = key.LastIndexOf('.');
        var container = parent < 0
            ? payload
            : Resolve(payload, key[..parent]).Where(v => v.KindCase == Value.KindOneofCase.StructValue)
                .Select(v => v.StructValue.Fields).FirstOrDefault();
        var leaf = parent < 0 ? key : key[(parent + 1)..];
        return container is not null && container.TryGetValue(leaf, out var value) &&
               value.KindCase is Value.KindOneofCase.NullValue or Value.KindOneofCase.None;
    }

    private static (string Name, int? Index) ParseSegment(string segment)
    {
        var open = segment.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return (segment, null);
        }

        var inner = segment[(open + 1)..].TrimEnd(']');
        return (segment[..open], inner.Length == 0 ? -1 : int.Parse(inner, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Struct ToStruct(MapField<string, Value> payload)
    {
        var s = new Struct();
        s.Fields.Add(payload);
        return s;
    }
}
