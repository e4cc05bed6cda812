using Qdrant.Client.Grpc;

namespace TestDoubles.Qdrant;

/// <summary>Qdrant's strict-mode rule <c>unindexed_filtering_*: false</c>: every payload key a filter reads must
/// have a payload index of a type that can answer the condition.</summary>
internal static class StrictModeIndexCheck
{
    public static void Check(Filter? filter, FakeCollection collection) => Check(filter, collection, "");

    private static void Check(Filter? filter, FakeCollection collection, string prefix)
    {
        if (filter is null)
        {
            return;
        }

        var all = filter.Must.Concat(filter.Should).Concat(filter.MustNot)
            .Concat(filter.MinShould?.Conditions ?? Enumerable.Empty<Condition>());
        foreach (var condition in all)
        {
            switch (condition.ConditionOneOfCase)
            {
                case Condition.ConditionOneOfOneofCase.Field:
                    Require(collection, prefix + condition.Field.Key, Required(condition.Field));
                    break;
                case Condition.ConditionOneOfOneofCase.IsEmpty:
                    Require(collection, prefix + condition.IsEmpty.Key, []);
                    break;
                case Condition.ConditionOneOfOneofCase.IsNull:
                    Require(collection, prefix + condition.IsNull.Key, []);
                    break;
                case Condition.ConditionOneOfOneofCase.Filter:
                    Check(condition.Filter, collection, prefix);
                    break;
                case Condition.ConditionOneOfOneofCase.Nested:
                    Check(condition.Nested.Filter, collection, prefix + condition.Nested.Key + "[].");
                    break;
            }
        }
    }

    /// <summary>Index types that can serve the condition; empty means any index type will do.</summary>
    private static PayloadSchemaType[] Required(FieldCondition field)
    {
        if (field.Match is { } match)
        {
            return match.MatchValueCase switch
            {
                Match.MatchValueOneofCase.Keyword or Match.MatchValueOneofCase.Keywords or
                    Match.MatchValueOneofCase.ExceptKeywords or Match.MatchValueOneofCase.Prefix =>
                    [PayloadSchemaType.Keyword, PayloadSchemaType.Uuid],
                Match.MatchValueOneofCase.Integer or Match.MatchValueOneofCase.Integers or
                    Match.MatchValueOneofCase.ExceptIntegers => [PayloadSchemaType.Integer],
                Match.MatchValueOneofCase.Boolean => [PayloadSchemaType.Bool],
                _ => [PayloadSchemaType.Text],
            };
        }

        if (field.Range is not null)
        {
            return [PayloadSchemaType.Integer, PayloadSchemaType.Float];
        }

        if (field.DatetimeRange is not null)
        {
            return [PayloadSchemaType.Datetime];
        }

        return [];
    }

    private static void Require(FakeCollection collection, string key, PayloadSchemaType[] types)
    {
        if (collection.Indexes.TryGetValue(key, out var index) &&
            (types.Length == 0 || types.Contains(index.DataType)))
        {
            return;
        }

        var names = types.Length == 0 ? "any" : string.Join(", ", types.Select(t => t.ToString().ToLowerInvariant()));
        throw QdrantErrors.BadRequest(
            $"Index required but not found for \"{key}\" of one of the following types: [{names}]. " +
            "Help: Create an index for this key or use a different filter.");
    }
}
