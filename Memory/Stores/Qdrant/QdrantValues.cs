using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;

namespace Memory.Stores.Qdrant;

/// <summary>Builds and reads Qdrant payload values.</summary>
internal static class QdrantValues
{
    public static Value Of(string value) => new() { StringValue = value };

    public static Value Of(long value) => new() { IntegerValue = value };

    public static Value Of(double value) => new() { DoubleValue = value };

    public static Value Of(bool value) => new() { BoolValue = value };

    public static Value Of(DateTimeOffset value) => Of(value.ToUnixTimeMilliseconds());

    public static Value Of(IEnumerable<string> values)
    {
        var list = new ListValue();
        list.Values.Add(values.Select(Of));
        return new Value { ListValue = list };
    }

    public static Value Of(IReadOnlyDictionary<string, string> map)
    {
        var s = new Struct();
        foreach (var (key, value) in map)
        {
            s.Fields[key] = Of(value);
        }

        return new Value { StructValue = s };
    }

    public static Value Of(MapField<string, Value> fields)
    {
        var s = new Struct();
        s.Fields.Add(fields);
        return new Value { StructValue = s };
    }

    public static string? String(MapField<string, Value> payload, string key) =>
        payload.TryGetValue(key, out var v) && v.KindCase == Value.KindOneofCase.StringValue ? v.StringValue : null;

    public static string RequiredString(MapField<string, Value> payload, string key) =>
        String(payload, key) ?? throw Corrupt(key);

    public static double? Double(MapField<string, Value> payload, string key) =>
        payload.TryGetValue(key, out var v)
            ? v.KindCase switch
            {
                Value.KindOneofCase.DoubleValue => v.DoubleValue,
                Value.KindOneofCase.IntegerValue => v.IntegerValue,
                _ => null,
            }
            : null;

    public static long? Long(MapField<string, Value> payload, string key) =>
        payload.TryGetValue(key, out var v)
            ? v.KindCase switch
            {
                Value.KindOneofCase.IntegerValue => v.IntegerValue,
                Value.KindOneofCase.DoubleValue => (long)v.DoubleValue,
                _ => null,
            }
            : null;

    public static bool? Bool(MapField<string, Value> payload, string key) =>
        payload.TryGetValue(key, out var v) && v.KindCase == Value.KindOneofCase.BoolValue ? v.BoolValue : null;

    public static DateTimeOffset? Instant(MapField<string, Value> payload, string key) =>
        Long(payload, key) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    public static DateTimeOffset RequiredInstant(MapField<string, Value> payload, string key) =>
        Instant(payload, key) ?? throw Corrupt(key);

    public static IReadOnlyList<string> Strings(MapField<string, Value> payload, string key) =>
        payload.TryGetValue(key, out var v) && v.KindCase == Value.KindOneofCase.ListValue
            ? [.. v.ListValue.Values.Where(x => x.KindCase == Value.KindOneofCase.StringValue).Select(x => x.StringValue)]
            : [];

    public static IReadOnlyDictionary<string, string> StringMap(MapField<string, Value> payload, string key)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (payload.TryGetValue(key, out var v) && v.KindCase == Value.KindOneofCase.StructValue)
        {
            foreach (var (k, x) in v.StructValue.Fields)
            {
                if (x.KindCase == Value.KindOneofCase.StringValue)
                {
                    map[k] = x.StringValue;
                }
            }
        }

        return map;
    }

    public static MapField<string, Value>? Struct(MapField<string, Value> payload, string key) =>
        payload.TryGetValue(key, out var v) && v.KindCase == Value.KindOneofCase.StructValue ? v.StructValue.Fields : null;

    private static InvalidDataException Corrupt(string key) =>
        new($"A Qdrant point of the memory store lacks its '{key}' payload field; it was not written by this gateway.");
}
