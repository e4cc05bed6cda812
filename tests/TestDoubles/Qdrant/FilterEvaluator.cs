using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;
using QRange = Qdrant.Client.Grpc.Range;

namespace TestDoubles.Qdrant;

/// <summary>Evaluates a Qdrant <see cref="Filter"/> against one point with Qdrant's semantics: all of
/// <c>must</c>, none of <c>must_not</c>, at least one of a non-empty <c>should</c>, at least <c>min_count</c> of
/// <c>min_should</c>; a condition on an array matches when any element does; a missing key matches no
/// condition except <c>is_empty</c> and <c>except</c>.</summary>
internal static class FilterEvaluator
{
    public static bool Matches(Filter? filter, FakePoint point) => Matches(filter, point.Id, point.Payload);

    private static bool Matches(Filter? filter, PointIdKey? id, MapField<string, Value> payload)
    {
        if (filter is null)
        {
            return true;
        }

        foreach (var c in filter.Must)
        {
            if (!Check(c, id, payload))
            {
                return false;
            }
        }

        foreach (var c in filter.MustNot)
        {
            if (Check(c, id, payload))
            {
                return false;
            }
        }

        if (filter.Should.Count > 0 && !filter.Should.Any(c => Check(c, id, payload)))
        {
            return false;
        }

        if (filter.MinShould is { } minShould &&
            (ulong)minShould.Conditions.Count(c => Check(c, id, payload)) < minShould.MinCount)
        {
            return false;
        }

        return true;
    }

    private static bool Check(Condition condition, PointIdKey? id, MapField<string, Value> payload) =>
        condition.ConditionOneOfCase switch
        {
            Condition.ConditionOneOfOneofCase.Field => CheckField(condition.Field, payload),
            Condition.ConditionOneOfOneofCase.IsEmpty => IsEmpty(payload, condition.IsEmpty.Key),
            Condition.ConditionOneOfOneofCase.IsNull => PayloadPath.IsNull(payload, condition.IsNull.Key),
            Condition.ConditionOneOfOneofCase.HasId => id is { } key &&
                condition.HasId.HasId.Any(candidate => PointIdKey.From(candidate).Equals(key)),
            Condition.ConditionOneOfOneofCase.Filter => Matches(condition.Filter, id, payload),
            Condition.ConditionOneOfOneofCase.Nested => CheckNested(condition.Nested, payload),
            Condition.ConditionOneOfOneofCase.HasVector => condition.HasVector.HasVector.Length == 0,
            _ => throw QdrantErrors.NotSupportedByFake($"filter condition {condition.ConditionOneOfCase}"),
        };

    private static bool CheckNested(NestedCondition nested, MapField<string, Value> payload)
    {
        if (ContainsHasId(nested.Filter))
        {
            throw QdrantErrors.BadRequest("has_id condition is not supported inside a nested filter");
        }

        return PayloadPath.Resolve(payload, nested.Key)
            .Where(v => v.KindCase == Value.KindOneofCase.StructValue)
            .Any(v => Matches(nested.Filter, null, v.StructValue.Fields));
    }

    private static bool ContainsHasId(Filter filter) =>
        filter.Must.Concat(filter.Should).Concat(filter.MustNot)
            .Concat(filter.MinShould?.Conditions ?? Enumerable.Empty<Condition>())
            .Any(c => c.ConditionOneOfCase == Condition.ConditionOneOfOneofCase.HasId ||
                      (c.ConditionOneOfCase == Condition.ConditionOneOfOneofCase.Filter && ContainsHasId(c.Filter)));

    private static bool CheckField(FieldCondition field, MapField<string, Value> payload)
    {
        var values = PayloadPath.Resolve(payload, field.Key);
        var present = values.Where(v => v.KindCase is not (Value.KindOneofCase.NullValue or Value.KindOneofCase.None)).ToList();

        if (field.Match is { } match)
        {
            return CheckMatch(match, present);
        }

        if (field.Range is { } range)
        {
            return present.Any(v => Number(v) is { } n && InRange(n, range));
        }

        if (field.DatetimeRange is { } dates)
        {
            return present.Any(v => v.KindCase == Value.KindOneofCase.StringValue &&
                DateTimeOffset.TryParse(v.StringValue, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var at) && InRange(at, dates));
        }

        if (field.ValuesCount is { } count)
        {
            var n = (ulong)present.Count;
            return (!count.HasLt || n < count.Lt) && (!count.HasGt || n > count.Gt) &&
                   (!count.HasGte || n >= count.Gte) && (!count.HasLte || n <= count.Lte);
        }

        if (field.HasIsEmpty)
        {
            return IsEmpty(payload, field.Key) == field.IsEmpty;
        }

        if (field.HasIsNull)
        {
            return PayloadPath.IsNull(payload, field.Key) == field.IsNull;
        }

        if (field.GeoBoundingBox is not null || field.GeoRadius is not null || field.GeoPolygon is not null)
        {
            throw QdrantErrors.NotSupportedByFake("geo conditions");
        }

        throw QdrantErrors.BadInput($"Field condition on `{field.Key}` has no condition set");
    }

    private static bool IsEmpty(MapField<string, Value> payload, string key) =>
        PayloadPath.Resolve(payload, key).All(v => v.KindCase is Value.KindOneofCase.NullValue or Value.KindOneofCase.None);

    private static bool CheckMatch(Match match, List<Value> values) => match.MatchValueCase switch
    {
        Match.MatchValueOneofCase.Keyword => values.Any(v => IsString(v, out var s) && s == match.Keyword),
        Match.MatchValueOneofCase.Integer => values.Any(v => v.KindCase == Value.KindOneofCase.IntegerValue && v.IntegerValue == match.Integer),
        Match.MatchValueOneofCase.Boolean => values.Any(v => v.KindCase == Value.KindOneofCase.BoolValue && v.BoolValue == match.Boolean),
        Match.MatchValueOneofCase.Keywords => values.Any(v => IsString(v, out var s) && match.Keywords.Strings.Contains(s)),
        Match.MatchValueOneofCase.Integers => values.Any(v => v.KindCase == Value.KindOneofCase.IntegerValue && match.Integers.Integers.Contains(v.IntegerValue)),
        Match.MatchValueOneofCase.ExceptKeywords => values.Count == 0 ||
            values.Any(v => !IsString(v, out var s) || !match.ExceptKeywords.Strings.Contains(s)),
        Match.MatchValueOneofCase.ExceptIntegers => values.Count == 0 ||
            values.Any(v => v.KindCase != Value.KindOneofCase.IntegerValue || !match.ExceptIntegers.Integers.Contains(v.IntegerValue)),
        Match.MatchValueOneofCase.Text or Match.MatchValueOneofCase.Phrase => values.Any(v =>
            IsString(v, out var s) && s.Contains(match.MatchValueCase == Match.MatchValueOneofCase.Text ? match.Text : match.Phrase, StringComparison.OrdinalIgnoreCase)),
        Match.MatchValueOneofCase.TextAny => values.Any(v => IsString(v, out var s) &&
            match.TextAny.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => s.Contains(w, StringComparison.OrdinalIgnoreCase))),
        Match.MatchValueOneofCase.Prefix => values.Any(v => IsString(v, out var s) && s.StartsWith(match.Prefix, StringComparison.Ordinal)),
        _ => throw QdrantErrors.BadInput("Match condition has no value set"),
    };

    private static bool IsString(Value v, out string s)
    {
        s = v.KindCase == Value.KindOneofCase.StringValue ? v.StringValue : "";
        return v.KindCase == Value.KindOneofCase.StringValue;
    }

    private static double? Number(Value v) => v.KindCase switch
    {
        Value.KindOneofCase.DoubleValue => v.DoubleValue,
        Value.KindOneofCase.IntegerValue => v.IntegerValue,
        _ => null,
    };

    private static bool InRange(double n, QRange r) =>
        (!r.HasLt || n < r.Lt) && (!r.HasGt || n > r.Gt) && (!r.HasGte || n >= r.Gte) && (!r.HasLte || n <= r.Lte);

    private static bool InRange(DateTimeOffset at, DatetimeRange r) =>
        (r.Lt is null || at < r.Lt.ToDateTimeOffset()) && (r.Gt is null || at > r.Gt.ToDateTimeOffset()) &&
        (r.Gte is null || at >= r.Gte.ToDateTimeOffset()) && (r.Lte is null || at <= r.Lte.ToDateTimeOffset());
}
