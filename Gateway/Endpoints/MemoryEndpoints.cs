using Gateway.Auth;
using Gateway.Endpoints.Dtos;
using Gateway.OpenAI;
using Gateway.Pipeline;
using Memory;
using Memory.Model;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Endpoints;

/// <summary>The memory API (contract: Memory): write, search, list, get, patch, delete, history. Every route is
/// scoped to the caller's tenant; an unknown user has an empty memory.</summary>
public static class MemoryEndpoints
{
    public static IEndpointRouteBuilder MapMemoryEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/v1/users/{userId}");
        users.MapPost("/memories", WriteAsync).RequireScope(Scope.MemoryWrite);
        users.MapPost("/memories/search", SearchAsync).RequireScope(Scope.MemoryRead);
        users.MapGetAndHead("/memories", ListAsync).RequireScope(Scope.MemoryRead);
        users.MapGetAndHead("/memories/{id}", GetAsync).RequireScope(Scope.MemoryRead);
        users.MapPatch("/memories/{id}", PatchAsync).RequireScope(Scope.MemoryWrite);
        users.MapDelete("/memories/{id}", DeleteAsync).RequireScope(Scope.MemoryWrite);
        users.MapGetAndHead("/memories/{id}/history", HistoryAsync).RequireScope(Scope.MemoryRead);
        return app;
    }

    internal static (UserKey User, IResult? Error) UserOf(HttpContext http, string userId)
    {
        userId = PathUserId(http, userId);
        return IdentityRules.IsValidUserId(userId)
            ? (new UserKey(http.GetCaller().Tenant, userId), null)
            : (default, OpenAIError.BadRequest(IdentityRules.UserIdRule, "invalid_user", "userId"));
    }

    /// <summary>The user id the path names. The server decodes every escape in a path segment except %2F, which it
    /// leaves so the path keeps its shape: an id such as "google-oauth2/1234" arrives as "google-oauth2%2F1234" and must
    /// name the same user as chat. An id holding a literal "%2F" (sent as "%252F") arrives the same way, so the id is
    /// decoded from the request's raw target when its segment is the one the route read; else every %2F is a '/'.</summary>
    internal static string PathUserId(HttpContext http, string routeValue)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is { Length: > 0 } && raw[0] == '/')
        {
            var query = raw.IndexOf('?', StringComparison.Ordinal);
            var path = query < 0 ? raw : raw[..query];
            // Behind a path base ("/gateway/v1/users/..."), the raw target holds it too.
            if (http.Request.PathBase.Value is { Length: > 0 } pathBase && path.StartsWith(pathBase, StringComparison.OrdinalIgnoreCase))
            {
                path = path[pathBase.Length..];
            }

            var segments = path.Split('/');
            // "/v1/users/{userId}/...": the id is the fourth segment (the first is the empty one before the leading '/').
            if (segments.Length > 3 && segments[3] is { Length: > 0 } segment &&
                string.Equals(ServerDecoded(segment), routeValue, StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(segment);
            }
        }

        return routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A raw path segment as the server decodes it: every escape but %2F.</summary>
    private static string ServerDecoded(string segment) =>
        Uri.UnescapeDataString(segment.Replace("%2F", "%252F", StringComparison.Ordinal).Replace("%2f", "%252f", StringComparison.Ordinal));

    private static async Task<IResult> WriteAsync(HttpContext http, string userId, IMemoryService memory)
    {
        var (user, error) = UserOf(http, userId);
        if (error is not null)
        {
            return error;
        }

        var (body, bodyError) = await JsonBody.ReadAsync(http, ApiJsonContext.Default.WriteMemoriesRequest).ConfigureAwait(false);
        if (bodyError is not null)
        {
            return bodyError;
        }

        if (body!.Memories is not { Count: > 0 } items)
        {
            return OpenAIError.BadRequest("'memories' must be a non-empty array.", "invalid_memories", "memories");
        }

        if (items.Count > MemoryLimits.MaxMemoriesPerWrite)
        {
            return OpenAIError.BadRequest($"At most {MemoryLimits.MaxMemoriesPerWrite} memories per request.", "invalid_memories", "memories");
        }

        for (var i = 0; i < items.Count; i++)
        {
            var m = items[i];
            if (m is null)
            {
                return OpenAIError.BadRequest($"memories[{i}] must be an object.", "invalid_memories", $"memories[{i}]");
            }

            if (MemoryInputRules.Check($"memories[{i}]", m.Text, m.Context, m.Confidence, m.Sources, m.Metadata) is { } problem)
            {
                return problem.ToResult("invalid_memories");
            }
        }

        if (!await memory.GetConsentAsync(user, http.RequestAborted).ConfigureAwait(false))
        {
            return ConsentWithdrawn();
        }

        IReadOnlyList<MemoryWriteResult> results;
        try
        {
            results = await memory.WriteAsync(user, items.Select(m => MemoryInputRules.ToModel(m!)).ToList(), http.GetCaller().KeyId, http.RequestAborted).ConfigureAwait(false);
        }
        catch (MemoryRefusedException refused)
        {
            return await MemoryRefusals.RefuseAsync(http, user, refused, $"memories[{refused.Index}]",
                refused.Index < items.Count ? items[refused.Index]?.Text : null).ConfigureAwait(false);
        }

        return Results.Json(new WriteMemoriesResponse(results.Select(r => new WriteResultDto(r.Id, r.Event.ToWire())).ToList()),
            ApiJsonContext.Default.WriteMemoriesResponse);
    }

    private static async Task<IResult> SearchAsync(HttpContext http, string userId, IMemoryService memory)
    {
        var (user, error) = UserOf(http, userId);
        if (error is not null)
        {
            return error;
        }

        var (body, bodyError) = await JsonBody.ReadAsync(http, ApiJsonContext.Default.SearchMemoriesRequest).ConfigureAwait(false);
        if (bodyError is not null)
        {
            return bodyError;
        }

        if (string.IsNullOrWhiteSpace(body!.Query) || body.Query.Length > MemoryLimits.MaxQueryLength)
        {
            return OpenAIError.BadRequest($"'query' is required: a non-empty string of at most {MemoryLimits.MaxQueryLength} characters.", "invalid_query", "query");
        }

        if (body.Limit is < 1 or > 100)
        {
            return OpenAIError.BadRequest("'limit' must be between 1 and 100.", "invalid_limit", "limit");
        }

        if (body.MinConfidence is { } mc && (double.IsNaN(mc) || mc < 0 || mc > 1))
        {
            return OpenAIError.BadRequest("'minConfidence' must be between 0 and 1.", "invalid_filter", "minConfidence");
        }

        if (body.MaxAgeDays is { } age && (double.IsNaN(age) || age <= 0))
        {
            return OpenAIError.BadRequest("'maxAgeDays' must be a positive number.", "invalid_filter", "maxAgeDays");
        }

        if (body.Contexts is { } contexts && contexts.Any(c => c is null || !MemoryInputRules.IsValidContext(c)))
        {
            return OpenAIError.BadRequest("'contexts' must be a list of context names.", "invalid_filter", "contexts");
        }

        if (QueryFlag(http, "includeSuperseded") is not { } flag)
        {
            return BadFlag("includeSuperseded");
        }

        var includeSuperseded = body.IncludeSuperseded ?? flag;
        if (!await memory.GetConsentAsync(user, http.RequestAborted).ConfigureAwait(false))
        {
            return Results.Json(new SearchResponse([]), ApiJsonContext.Default.SearchResponse);
        }

        var results = await memory.SearchAsync(user, new MemorySearchRequest
        {
            Query = body.Query,
            Limit = body.Limit ?? 10,
            // Context names are trimmed where they are written, so the filter's are too (" docs" finds "docs").
            Contexts = body.Contexts?.Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList(),
            MinConfidence = body.MinConfidence,
            MaxAgeDays = body.MaxAgeDays,
            IncludeSuperseded = includeSuperseded,
        }, http.RequestAborted).ConfigureAwait(false);
        // Best first is the order of the scores the results carry: the diversity step (MMR) chose which near-duplicates
        // make the list, but its order could put a result above one that scores higher (a stable sort keeps ties as chosen).
        return Results.Json(new SearchResponse(results.OrderByDescending(r => r.Score).Select(r => MemoryDto.From(r.Memory, Math.Round(r.Score, 6))).ToList()),
            ApiJsonContext.Default.SearchResponse);
    }

    private static async Task<IResult> ListAsync(HttpContext http, string userId, IMemoryService memory)
    {
        var (user, error) = UserOf(http, userId);
        if (error is not null)
        {
            return error;
        }

        if (QueryFlag(http, "includeSuperseded") is not { } includeSuperseded)
        {
            return BadFlag("includeSuperseded");
        }

        var items = await memory.ListAsync(user, includeSuperseded, http.RequestAborted).ConfigureAwait(false);
        return Results.Json(new MemoryListResponse(items.Select(m => MemoryDto.From(m)).ToList()), ApiJsonContext.Default.MemoryListResponse);
    }

    private static async Task<IResult> GetAsync(HttpContext http, string userId, string id, IMemoryService memory)
    {
        var (user, error) = UserOf(http, userId);
        if (error is not null)
        {
            return error;
        }

        var item = await memory.GetAsync(user, id, http.RequestAborted).ConfigureAwait(false);
        return item is null
            ? OpenAIError.NotFound($"No memory '{Clip(id)}' for this user.")
            : Results.Json(MemoryDto.From(item), ApiJsonContext.Default.MemoryDto);
    }

    private static async Task<IResult> PatchAsync(HttpContext http, string userId, string id, IMemoryService memory)
    {
        var (user, error) = UserOf(http, userId);
        if (error is not null)
        {
            return error;
        }

        var (body, bodyError) = await JsonBody.ReadAsync(http, ApiJsonContext.Default.PatchMemoryRequest).ConfigureAwait(false);
        if (bodyError is not null)
        {
            return bodyError;
        }

        if (MemoryInputRules.Check(string.Empty, body!.Text, body.Context, body.Confidence, body.Sources, body.Metadata, textRequired: false) is { } problem)
        {
            return problem.ToResult("invalid_memory");
        }

        if (!await memory.GetConsentAsync(user, http.RequestAborted).ConfigureAwait(false))
        {
            return ConsentWithdrawn();
        }

        MemoryItem? patched;
        try
        {
            patched = await memory.PatchAsync(user, id, new MemoryPatch
            {
                Text = body.Text?.Trim(),
                Context = body.Context?.Trim(),
                Confidence = body.Confidence,
                OccurredAt = body.OccurredAt,
                Sources = body.Sources,
                Metadata = body.Metadata,
            }, http.GetCaller().KeyId, http.RequestAborted).ConfigureAwait(false);
        }
        catch (MemoryRefusedException refused)
        {
            return await MemoryRefusals.RefuseAsync(http, user, refused, "text", body.Text).ConfigureAwait(false);
        }

        return patched is null
            ? OpenAIError.NotFound($"No memory '{Clip(id)}' for this user.")
            : Results.Json(MemoryDto.From(patched), ApiJsonContext.Default.MemoryDto);
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, string userId, string id, IMemoryService memory)
    {
        var (user, error) = UserOf(http, userId);
        if (error is not null)
        {
            return error;
        }

        var deleted = await memory.DeleteAsync(user, id, http.GetCaller().KeyId, http.RequestAborted).ConfigureAwait(false);
        return deleted
            ? Results.Json(new DeletedResponse(id, true), ApiJsonContext.Default.DeletedResponse)
            : OpenAIError.NotFound($"No memory '{Clip(id)}' for this user.");
    }

    private static async Task<IResult> HistoryAsync(HttpContext http, string userId, string id, IMemoryService memory)
    {
        var (user, error) = UserOf(http, userId);
        if (error is not null)
        {
            return error;
        }

        var history = await memory.GetHistoryAsync(user, id, http.RequestAborted).ConfigureAwait(false);
        return Results.Json(new HistoryResponse(history.Select(HistoryEntryDto.From).ToList()), ApiJsonContext.Default.HistoryResponse);
    }

    internal static IResult ConsentWithdrawn() =>
        OpenAIError.Conflict("The user has withdrawn memory consent; nothing about them is stored.", "consent_withdrawn");

    /// <summary>A boolean query flag: absent, <c>false</c> or <c>0</c> is false; present without a value, <c>true</c> or
    /// <c>1</c> is true; anything else is null (refused, not read as false).</summary>
    private static bool? QueryFlag(HttpContext http, string name)
    {
        if (!http.Request.Query.TryGetValue(name, out var values))
        {
            return false;
        }

        var v = values.Count == 1 ? values[0]?.Trim() : null;
        return v switch
        {
            "" or "1" => true,
            "0" => false,
            _ when bool.TryParse(v, out var b) => b,
            _ => null,
        };
    }

    private static IResult BadFlag(string name) =>
        OpenAIError.BadRequest($"'{name}' must be true or false.", "invalid_filter", name);

    private static string Clip(string s) => s.Length <= 64 ? s : s[..64];
}
