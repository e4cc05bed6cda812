using System.Text.Json.Nodes;
using Gateway.Diagnostics;
using Memory.Configuration;
using Memory.Stores;
using Memory.WriteBack;
using Memory.WriteBack.Extraction;
using Microsoft.Extensions.Options;

namespace Gateway.Pipeline;

/// <summary>Puts turns in the write-back outbox for <see cref="WriteBackStage"/>: the completed turn (the user's new messages and the answer) is in the durable outbox
/// before the response's last byte goes out. The turn is opened (written and flushed) as the call goes upstream, so
/// the flush overlaps the model's answer; the answer is attached when it is known, and a failed call abandons the
/// turn. Skipped without a user, without consent, or with extraction off.</summary>
internal sealed class TurnRecorder(
    IErasureTombstones tombstones,
    IOptions<MemoryOptions> memoryOptions,
    TimeProvider time,
    ILogger<TurnRecorder> logger,
    IConversationOutbox? outbox = null)
{
    private readonly IConversationOutbox? _outbox = outbox;

    public bool Enabled => _outbox is not null && !string.Equals(memoryOptions.Value.Extraction.Mode, "off", StringComparison.OrdinalIgnoreCase);

    /// <summary>Notes the erasure generation as the request arrives (no I/O once loaded): an erasure of the user
    /// from now on keeps this turn from ever writing.</summary>
    public async ValueTask BeginAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        if (!Enabled || request.Context.User is not { } user)
        {
            return;
        }

        try
        {
            request.Context.ErasureGeneration = await tombstones.CurrentForAsync(user, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The store is unreachable (memory is off for this request anyway): generation 0 is the safe side, the
            // turn is refused if its user was ever erased.
            GatewayLog.WriteBackEnqueueFailed(logger, request.Context.RequestId, e);
        }
    }

    /// <summary>Starts writing the turn to the outbox without waiting for the disk; <see cref="RecordAsync"/> waits.</summary>
    public void Open(ChatRequest request)
    {
        if (request.Context.OpenTurn is null && Turn(request, answer: null) is { } turn)
        {
            // SQLite's async calls complete synchronously: run the write (and its flush) on the pool, beside the call.
            request.Context.OpenTurn = new OpenTurn(turn, Task.Run(() => OpenAsync(turn)));
        }
    }

    /// <summary>Puts the turn with its answer in the outbox durably: closes the turn <see cref="Open"/> started, or
    /// enqueues it whole. Never throws for the client's sake: a failure is logged.</summary>
    public async Task RecordAsync(ChatRequest request, string? answer, CancellationToken cancellationToken = default)
    {
        try
        {
            if (request.Context.OpenTurn is { } open)
            {
                request.Context.OpenTurn = null;
                switch (await open.Opened.ConfigureAwait(false))
                {
                    case true:
                        await _outbox!.CloseTurnAsync(open.Turn with { AssistantAnswer = answer }, CancellationToken.None).ConfigureAwait(false);
                        break;
                    case null:
                        // Opening failed (logged): one more try, whole, before the answer goes out.
                        await _outbox!.EnqueueAsync(open.Turn with { AssistantAnswer = answer }, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
            else if (Turn(request, answer) is { } turn)
            {
                await _outbox!.EnqueueAsync(turn, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            GatewayLog.WriteBackEnqueueFailed(logger, request.Context.RequestId, e);
        }
    }

    /// <summary>Forgets a turn opened for a call that ended without an answer (upstream failure, client gone).</summary>
    public void AbandonIfOpen(ChatRequest request)
    {
        if (request.Context.OpenTurn is not { } open)
        {
            return;
        }

        request.Context.OpenTurn = null;
        _ = AbandonAsync(open, request.Context.RequestId);
    }

    private async Task<bool?> OpenAsync(ConversationTurn turn)
    {
        try
        {
            return await _outbox!.OpenTurnAsync(turn, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            GatewayLog.WriteBackEnqueueFailed(logger, turn.TurnId, e);
            return null;
        }
    }

    private async Task AbandonAsync(OpenTurn open, string requestId)
    {
        try
        {
            if (await open.Opened.ConfigureAwait(false) == true)
            {
                await _outbox!.AbandonTurnAsync(open.Turn.TurnId, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            GatewayLog.WriteBackEnqueueFailed(logger, requestId, e);
        }
    }

    private ConversationTurn? Turn(ChatRequest request, string? answer)
    {
        if (!Enabled || request.Context.User is not { } user || !request.Context.MemoryEnabled)
        {
            return null;
        }

        var lastAssistant = LastAssistant(request.Messages);
        var userMessages = NewUserMessages(request.Messages, lastAssistant, request.Context.RequestId);
        return userMessages.Count == 0 ? null : new ConversationTurn
        {
            // The gateway's own id: callers' request ids collide across users and tenants.
            TurnId = "turn_" + Guid.CreateVersion7().ToString("N"),
            RequestId = request.Context.RequestId,
            ErasureGeneration = request.Context.ErasureGeneration,
            User = user,
            Context = request.Context.MemoryContext,
            UserMessages = userMessages,
            // What the first new user message answers (never a source of facts itself).
            AssistantQuestion = lastAssistant < 0 ? null : AnswerFrames.QuestionOf(MessageText.Of(request.Messages[lastAssistant])),
            AssistantAnswer = answer,
            At = time.GetUtcNow(),
            TemplateVersion = request.Context.TemplateVersion,
            Actor = request.Context.Caller.KeyId,
            Model = request.Context.Model,
        };
    }

    /// <summary>The index of the last assistant message, or -1.</summary>
    private static int LastAssistant(JsonArray messages)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (MessageText.RoleOf(messages[i]) == "assistant")
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The user messages after the last assistant message: what this turn added.</summary>
    private static List<TurnMessage> NewUserMessages(JsonArray messages, int lastAssistant, string requestId)
    {
        var result = new List<TurnMessage>();
        for (var i = lastAssistant + 1; i < messages.Count; i++)
        {
            if (MessageText.RoleOf(messages[i]) == "user" && MessageText.Of(messages[i]) is { Length: > 0 } text)
            {
                result.Add(new TurnMessage($"{requestId}:m{i}", text));
            }
        }

        return result;
    }
}

/// <summary>A turn being written to the outbox while its call runs; <see cref="Opened"/> is true once it is on disk,
/// false when the outbox declined it (no consent, a known turn id), null when writing it failed (logged).</summary>
internal sealed record OpenTurn(ConversationTurn Turn, Task<bool?> Opened);
