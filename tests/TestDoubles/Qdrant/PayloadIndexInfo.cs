namespace TestDoubles.Qdrant;

/// <summary>A payload index of a fake collection: field, schema type (Keyword, Integer, Float, ...) and the tenant
/// flag (<c>is_tenant</c>) as the client asked for them.</summary>
public sealed record PayloadIndexInfo(string Field, string Type, bool IsTenant);
