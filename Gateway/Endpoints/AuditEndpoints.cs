using System.Text.Json;
using Gateway.Auth;
using Gateway.Endpoints.Dtos;
using Gateway.OpenAI;
using Guardrails.Audit;

namespace Gateway.Endpoints;

/// <summary>The reviewers' API over the audit log, scoped to the caller's tenant (scope <c>audit:read</c>):
/// events with filters, one event, chain verification, verdicts, counts by rule over time, JSONL export.</summary>
public static class AuditEndpoints
{
    private const int MaxNoteChars = 1000;

    /// <summary>Maps <c>GET /v1/audit/events</c>, <c>GET /v1/audit/events/{id}</c>, <c>GET /v1/audit/verify</c>,
    /// <c>POST /v1/audit/events/{id}/verdict</c>, <c>GET /v1/audit/counts</c> and <c>GET /v1/audit/export</c>.</summary>
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/v1/audit");
        group.MapGetAndHead("/events", ListAsync).RequireScope(Scope.AuditRead);
        group.MapGetAndHead("/events/{id:long}", GetAsync).RequireScope(Scope.AuditRead);
        group.MapPost("/events/{id:long}/verdict", VerdictAsync).RequireScope(Scope.AuditRead);
        group.MapGetAndHead("/verify", VerifyAsync).RequireScope(Scope.AuditRead);
        group.MapGetAndHead("/counts", CountsAsync).RequireScope(Scope.AuditRead);
        group.MapGetAndHead("/export", ExportAsync).RequireScope(Scope.AuditRead);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IAuditLog audit)
    {
        var (query, error) = AuditQueryReader.Read(http);
        if (query is null)
        {
            return error!;
        }

        try
        {
            var events = await audit.QueryAsync(query, http.RequestAborted).ConfigureAwait(false);
            return Results.Json(new AuditEventsResponse(events), AuditJsonContext.Default.AuditEventsResponse);
        }
        catch (AuditKeysUnavailableException)
        {
            return KeysUnavailable();
        }
    }

    private static async Task<IResult> GetAsync(HttpContext http, long id, IAuditLog audit)
    {
        var found = await audit.GetAsync(http.GetCaller().Tenant, id, http.RequestAborted).ConfigureAwait(false);
        return found is null
            ? OpenAIError.NotFound($"No audit event {id}.")
            : Results.Json(found, AuditJsonContext.Default.AuditEvent);
    }

    private static async Task<IResult> VerifyAsync(HttpContext http, IAuditLog audit) =>
        Results.Json(await audit.VerifyAsync(http.GetCaller().Tenant, http.RequestAborted).ConfigureAwait(false), AuditJsonContext.Default.AuditVerification);

    private static async Task<IResult> VerdictAsync(HttpContext http, long id, IAuditLog audit)
    {
        AuditVerdictRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(http.Request.Body, AuditJsonContext.Default.AuditVerdictRequest, http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return OpenAIError.BadRequest("The body must be JSON: {\"verdict\": \"true_positive\"|\"false_positive\", \"note\"?: string}.");
        }

        if (body is null || !AuditVerdicts.IsValid(body.Verdict))
        {
            return OpenAIError.BadRequest("'verdict' must be \"true_positive\" or \"false_positive\".", "invalid_verdict", "verdict");
        }

        if (body.Note is { Length: > MaxNoteChars })
        {
            return OpenAIError.BadRequest($"'note' must be at most {MaxNoteChars} characters.", "invalid_parameter", "note");
        }

        var verdict = await audit.AddVerdictAsync(http.GetCaller().Tenant, id, body.Verdict!, body.Note, http.RequestAborted).ConfigureAwait(false);
        return verdict is null
            ? OpenAIError.NotFound($"No audit event {id}.")
            : Results.Json(verdict, AuditJsonContext.Default.AuditVerdict);
    }

    private static async Task<IResult> CountsAsync(HttpContext http, IAuditLog audit, TimeProvider time)
    {
        var (query, error) = AuditQueryReader.Read(http);
        if (query is null)
        {
            return error!;
        }

        var bucketName = http.Request.Query["bucket"].ToString() is { Length: > 0 } b ? b : "hour";
        TimeSpan? bucket = bucketName switch
        {
            "minute" => TimeSpan.FromMinutes(1),
            "hour" => TimeSpan.FromHours(1),
            "day" => TimeSpan.FromDays(1),
            "week" => TimeSpan.FromDays(7),
            _ => null,
        };
        if (bucket is null)
        {
            return OpenAIError.BadRequest("'bucket' must be one of minute, hour, day, week.", "invalid_parameter", "bucket");
        }

        var until = query.Until ?? time.GetUtcNow();
        var since = query.Since ?? DefaultSince(until, bucket.Value * 48);
        if (since > until)
        {
            return OpenAIError.BadRequest("'since' must be before 'until' (without 'until': now).", "invalid_parameter");
        }

        if ((until - since) / bucket.Value > 5000)
        {
            return OpenAIError.BadRequest("The range holds too many buckets; use a larger 'bucket' or a shorter range.", "invalid_parameter");
        }

        IReadOnlyList<AuditRuleCount> counts;
        try
        {
            counts = since == until
                ? []
                : await audit.CountByRuleAsync(query with { Since = since, Until = until }, bucket.Value, http.RequestAborted).ConfigureAwait(false);
        }
        catch (AuditKeysUnavailableException)
        {
            return KeysUnavailable();
        }

        return Results.Json(new AuditCountsResponse(bucketName, since, until, counts), AuditJsonContext.Default.AuditCountsResponse);
    }

    /// <summary>The default range ends at <paramref name="until"/>, clipped at the first representable instant
    /// (<c>until=0001-01-01T00:00:00Z</c> is valid input, not an overflow).</summary>
    private static DateTimeOffset DefaultSince(DateTimeOffset until, TimeSpan span) =>
        until.UtcTicks - DateTimeOffset.MinValue.UtcTicks >= span.Ticks ? until - span : DateTimeOffset.MinValue;

    private static async Task<IResult> ExportAsync(HttpContext http, IAuditLog audit)
    {
        var (query, error) = AuditQueryReader.Read(http);
        if (query is null)
        {
            return error!;
        }

        http.Response.ContentType = "application/x-ndjson";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"audit-export.jsonl\"";
        try
        {
            // A user filter is resolved before the first line is written, so this is answered before anything was sent.
            await audit.ExportJsonLinesAsync(query, http.Response.Body, http.RequestAborted).ConfigureAwait(false);
        }
        catch (AuditKeysUnavailableException) when (!http.Response.HasStarted)
        {
            http.Response.Headers.ContentDisposition = default;
            return KeysUnavailable();
        }

        return Results.Empty;
    }

    /// <summary>A user-id filter needs the user's key, and a cluster's shared keys are out of reach: repeat later.</summary>
    private static IResult KeysUnavailable() => OpenAIError.Result(StatusCodes.Status503ServiceUnavailable,
        "The user filter cannot be resolved now: the shared audit key store is unreachable. Retry later, or filter by pseudonym.",
        "server_error", "audit_keys_unavailable");
}
