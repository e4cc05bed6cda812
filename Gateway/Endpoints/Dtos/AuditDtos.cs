using System.Text.Json;
using System.Text.Json.Serialization;
using Guardrails.Audit;

namespace Gateway.Endpoints.Dtos;

/// <summary><c>GET /v1/audit/events</c>.</summary>
public sealed record AuditEventsResponse(IReadOnlyList<AuditEvent> Events);

/// <summary><c>POST /v1/audit/events/{id}/verdict</c> body.</summary>
public sealed record AuditVerdictRequest(string? Verdict, string? Note);

/// <summary><c>GET /v1/audit/counts</c>: events per rule per bucket.</summary>
public sealed record AuditCountsResponse(string Bucket, DateTimeOffset Since, DateTimeOffset Until, IReadOnlyList<AuditRuleCount> Counts);

/// <summary>Source-generated JSON for the audit API (camelCase, as the contract spells fields); a repeated property
/// in a verdict body is refused, not resolved to the last one.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(AuditEventsResponse))]
[JsonSerializable(typeof(AuditEvent))]
[JsonSerializable(typeof(AuditVerdictRequest))]
[JsonSerializable(typeof(AuditVerdict))]
[JsonSerializable(typeof(AuditVerification))]
[JsonSerializable(typeof(AuditCountsResponse))]
public sealed partial class AuditJsonContext : JsonSerializerContext;
