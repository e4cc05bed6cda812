using Qdrant.Client.Grpc;

namespace TestDoubles.Qdrant;

/// <summary>Maps the field types of CreateFieldIndex to schema types and checks that the index params belong to
/// that type (Qdrant rejects, e.g., keyword params on a float index).</summary>
internal static class FieldIndexTypes
{
    public static PayloadSchemaType SchemaType(FieldType type) => type switch
    {
        FieldType.Keyword => PayloadSchemaType.Keyword,
        FieldType.Integer => PayloadSchemaType.Integer,
        FieldType.Float => PayloadSchemaType.Float,
        FieldType.Geo => PayloadSchemaType.Geo,
        FieldType.Text => PayloadSchemaType.Text,
        FieldType.Bool => PayloadSchemaType.Bool,
        FieldType.Datetime => PayloadSchemaType.Datetime,
        FieldType.Uuid => PayloadSchemaType.Uuid,
        _ => throw QdrantErrors.BadInput($"Unknown field type {type}"),
    };

    public static bool ParamsMatch(PayloadSchemaType type, PayloadIndexParams indexParams) => indexParams.IndexParamsCase switch
    {
        PayloadIndexParams.IndexParamsOneofCase.KeywordIndexParams => type == PayloadSchemaType.Keyword,
        PayloadIndexParams.IndexParamsOneofCase.IntegerIndexParams => type == PayloadSchemaType.Integer,
        PayloadIndexParams.IndexParamsOneofCase.FloatIndexParams => type == PayloadSchemaType.Float,
        PayloadIndexParams.IndexParamsOneofCase.GeoIndexParams => type == PayloadSchemaType.Geo,
        PayloadIndexParams.IndexParamsOneofCase.TextIndexParams => type == PayloadSchemaType.Text,
        PayloadIndexParams.IndexParamsOneofCase.BoolIndexParams => type == PayloadSchemaType.Bool,
        PayloadIndexParams.IndexParamsOneofCase.DatetimeIndexParams => type == PayloadSchemaType.Datetime,
        PayloadIndexParams.IndexParamsOneofCase.UuidIndexParams => type == PayloadSchemaType.Uuid,
        _ => true,
    };

    public static bool IsTenant(PayloadIndexParams? indexParams) => indexParams?.IndexParamsCase switch
    {
        PayloadIndexParams.IndexParamsOneofCase.KeywordIndexParams => indexParams.KeywordIndexParams.IsTenant,
        PayloadIndexParams.IndexParamsOneofCase.UuidIndexParams => indexParams.UuidIndexParams.IsTenant,
        _ => false,
    };
}
