using Gateway.Auth;
using Gateway.Endpoints.Dtos;
using Gateway.OpenAI;
using Gateway.Pipeline;
using Guardrails.Abstractions;
using Memory;
using Memory.Stores;
using Memory.WriteBack;

namespace Gateway.Endpoints;

/// <summary>What users can do about what is held on them: export, erasure, consent; and observations from features.</summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/v1/users/{userId}");
        users.MapGetAndHead("/export", ExportAsync).RequireScope(Scope.MemoryRead);
        users.MapDelete("/", EraseAsync).RequireScope(Scope.MemoryWrite);
        users.MapGetAndHead("/consent", GetConsentAsync).RequireScope(Scope.MemoryRead);
        users.MapPut("/consent", PutConsentAsync).RequireScope(Scope.MemoryWrite);
        users.MapPost("/observations", ObserveAsync).RequireScope(Scope.MemoryWrite);
        return app;
    }

    private static async Task<IResult> ExportAsync(HttpContext http, string userId, IMemoryService memory, IWriteBackAdmin writeBack)
    {
        var (user, error) = MemoryEndpoints.UserOf(http, userId);
        if (error is not null)
        {
            return error;
        }

        // The turns write-back has not learned from yet hold what the user said: "everything held" includes them. Read
        // before the memories, so a turn learned from meanwhile shows twice rather than not at all.
        var pending = await writeBack.ListUserTurnsAsync(user, http.RequestAborted).ConfigureAwait(false);
        var export = await memory.ExportAsync(user, http.RequestAborted).ConfigureAwait(false);
        http.Response.Headers.ContentDisposition = ExportFileName(user.UserId);
        return Results.Json(new ExportResponse(
            user.UserId,
            new ConsentResponse(export.MemoryConsent),
            export.Memories.Select(m => MemoryDto.From(m)).ToList(),
            export.History.Select(HistoryEntryDto.From).ToList(),
            pending.Select(PendingTurnDto.From).ToList(),
            export.ExportedAt), ApiJsonContext.Default.ExportResponse);
    }

    /// <summary>How long an erasure may take once its tombstone is down, whether or not its client is still there.</summary>
    private static readonly TimeSpan ErasureDeadline = TimeSpan.FromMinutes(2);

    private static async Task<IResult> EraseAsync(HttpContext http, string userId, IMemoryService memory, IErasureTombstones tombstones,
        IEnumerable<IUserErasureParticipant> participants)
    {
        var (user, error) = MemoryEndpoints.UserOf(http, userId);
        if (error is not null)
        {
            return error;
        }

        // The tombstone first, durably: from here on no turn that started before this erasure opens, enqueues or
        // writes (the outbox and the worker check it), whatever it was waiting for.
        await tombstones.RecordAsync(user, http.RequestAborted).ConfigureAwait(false);

        // From here on the erasure finishes whether or not the client is still there: a "forget me" whose connection
        // dropped used to stop half-way (the tombstone down, the memories kept), and one cut between the wipe and the
        // consent's restoring lost an acknowledged withdrawal, so the user was remembered again.
        // Bounded all the same: a step stuck on an unreachable dependency (a cluster's Redis, a busy lock) ends in a 503
        // the client can repeat, never a request held open for ever; the tombstone keeps everything out meanwhile.
        using var deadline = new CancellationTokenSource(ErasureDeadline, TimeProvider.System);
        var finish = deadline.Token;
        try
        {
            // Pending write-back next, so nothing queued can re-create memories after the store is wiped. A part
            // that cannot finish (a cluster's shared audit keys out of reach) does not stop the rest: 503, repeat.
            ErasureIncompleteException? incomplete = null;
            foreach (var participant in participants)
            {
                try
                {
                    await participant.EraseUserAsync(user, finish).ConfigureAwait(false);
                }
                catch (ErasureIncompleteException e)
                {
                    incomplete ??= e;
                }
            }

            // A withdrawn consent outlives erasure (the memory service keeps it, under the lock consent is set under).
            await memory.EraseUserAsync(user, finish).ConfigureAwait(false);

            if (incomplete is not null)
            {
                throw incomplete;
            }
        }
        catch (ErasureIncompleteException)
        {
            return OpenAIError.Unavailable(
                "The user's data was deleted but a storage file is still busy; repeat the erasure to finish it.", ErasureIncompleteException.Code);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return OpenAIError.Unavailable(
                "The erasure did not finish in time; nothing new is written for the user meanwhile. Repeat the erasure to finish it.",
                ErasureIncompleteException.Code, retryAfterSeconds: 5);
        }

        return Results.Json(new EraseResponse(user.UserId, true), ApiJsonContext.Default.EraseResponse);
    }

    private static async Task<IResult> GetConsentAsync(HttpContext http, string userId, IMemoryService memory)
    {
        var (user, error) = MemoryEndpoints.UserOf(http, userId);
        return error ?? Results.Json(new ConsentResponse(await memory.GetConsentAsync(user, http.RequestAborted).ConfigureAwait(false)), ApiJsonContext.Default.ConsentResponse);
    }

    private static async Task<IResult> PutConsentAsync(HttpContext http, string userId, IMemoryService memory)
    {
        var (user, error) = MemoryEndpoints.UserOf(http, userId);
        if (error is not null)
        {
            return error;
        }

        var (body, bodyError) = await JsonBody.ReadAsync(http, ApiJsonContext.Default.ConsentDto).ConfigureAwait(false);
        if (bodyError is not null)
        {
            return bodyError;
        }

        if (body!.Memory is not { } consent)
        {
            return OpenAIError.BadRequest("'memory' is required and must be a boolean.", "invalid_consent", "memory");
        }

        await memory.SetConsentAsync(user, consent, http.RequestAborted).ConfigureAwait(false);
        return Results.Json(new ConsentResponse(consent), ApiJsonContext.Default.ConsentResponse);
    }

    private static async Task<IResult> ObserveAsync(HttpContext http, string userId, IMemoryService memory, IErasureTombstones tombstones,
        InputGuardStage inputGuard, IServiceProvider services, TimeProvider time)
    {
        // Taken before anything else: an erasure that lands while this request is read or checked still wins.
        var generation = await tombstones.CurrentAsync(http.RequestAborted).ConfigureAwait(false);
        var (user, error) = MemoryEndpoints.UserOf(http, userId);
        if (error is not null)
        {
            return error;
        }

        var (body, bodyError) = await JsonBody.ReadAsync(http, ApiJsonContext.Default.ObservationRequest).ConfigureAwait(false);
        if (bodyError is not null)
        {
            return bodyError;
        }

        if (MemoryInputRules.CheckObservation(string.Empty, body!.Text, body.Context, body.Sources) is { } problem)
        {
            return problem.ToResult("invalid_observation");
        }

        if (!await memory.GetConsentAsync(user, http.RequestAborted).ConfigureAwait(false))
        {
            return MemoryEndpoints.ConsentWithdrawn();
        }

        if (services.GetService<IConversationOutbox>() is not { } outbox)
        {
            return OpenAIError.Result(StatusCodes.Status503ServiceUnavailable, "Write-back is not available.", "server_error", "writeback_unavailable");
        }

        // The turn's identity is the gateway's own; the caller's request id is kept for correlation only.
        var id = "obs_" + Guid.CreateVersion7().ToString("N");
        var context = body.Context?.Trim();
        if (context is null && http.Request.Headers.TryGetValue(ChatRequestReader.ContextHeader, out var h) && h.ToString().Trim() is { Length: > 0 } named)
        {
            // The header is read as chat reads it: one that is not a context name (or comes twice) is refused, not
            // replaced by the default, which filed the observation under a feature the caller did not name.
            if (h.Count > 1 || !IdentityRules.IsValidContext(named))
            {
                return OpenAIError.BadRequest(
                    $"{ChatRequestReader.ContextHeader} must be sent once, 1-{IdentityRules.MaxContextLength} characters without control characters.", "invalid_context");
            }

            context = named;
        }

        context ??= IdentityRules.DefaultContext;

        // The text goes to the extraction model as a user's chat message would: the same input guardrails first.
        var caller = http.GetCaller();
        var (text, refusal) = await inputGuard.CheckTextAsync(body.Text!.Trim(), new GuardrailRequestContext
        {
            RequestId = http.TraceIdentifier,
            CallId = id,
            Tenant = user.Tenant,
            UserId = user.UserId,
            Context = context,
            KeyId = caller.KeyId,
        }, http.RequestAborted).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        await outbox.EnqueueAsync(new ConversationTurn
        {
            TurnId = id,
            User = user,
            Context = context,
            RequestId = http.TraceIdentifier,
            ErasureGeneration = generation,
            UserMessages = [new TurnMessage(http.TraceIdentifier, text)],
            At = body.OccurredAt ?? time.GetUtcNow(),
            Actor = caller.KeyId,
            IsObservation = true,
            Sources = body.Sources,
        }, http.RequestAborted).ConfigureAwait(false);
        return Results.Json(new ObservationResponse(id, "queued"), ApiJsonContext.Default.ObservationResponse, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The download's name: user ids are free text, so the plain <c>filename</c> keeps only safe ASCII and
    /// <c>filename*</c> (RFC 6266) carries the id as it is.</summary>
    private static string ExportFileName(string userId)
    {
        var ascii = string.Concat(userId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '+' ? c : '_'));
        return new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileName = $"\"memory-export-{ascii}.json\"",
            FileNameStar = $"memory-export-{userId}.json",
        }.ToString();
    }
}
