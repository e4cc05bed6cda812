using System.Text.Json.Nodes;
using Gateway.Diagnostics;
using Memory.Configuration;
using Memory.WriteBack;
using Microsoft.Extensions.Options;

namespace Gateway.Pipeline;

/// <summary>Write-back stage: puts the completed turn (the user's new messages and the answer) in the durable
/// outbox before the response's last byte goes out. Skipped without a user, without consent, or with
/// extraction off.</summary>
internal sealed class TurnRecorder(
    IServiceProvider services,
    IOptions<MemoryOptions> memoryOptions,
    TimeProvider time,
    ILogger<TurnRecorder> logger)
{
    private readonly IConversationOutbox? _outbox = services.GetService<IConversationOutbox>();

    public bool Enabled => _outbox is not null && !string.Equals(memoryOptions.Value.Extraction.Mode, "off", StringComparison.OrdinalIgnoreCase);

    /// <summary>Enqueues the turn durably. Never throws for the client's sake: a failure is logged.</summary>
    public async Task RecordAsync(ChatRequest request, string? answer, CancellationToken cancellationToken = default)
    {
        if (!Enabled || request.Context.User is not { } user || !request.Context.MemoryEnabled)
        {
            return;
        }

        var userMessages = NewUserMessages(request.Messages, request.Context.RequestId);
        if (userMessages.Count == 0)
        {
            return;
        }

        try
        {
            await _outbox!.EnqueueAsync(new ConversationTurn
            {
                TurnId = request.Context.RequestId,
                User = user,
                Context = request.Context.MemoryContext,
                UserMessages = userMessages,
                AssistantAnswer = answer,
                At = time.GetUtcNow(),
                TemplateVersion = request.Context.TemplateVersion,
                Actor = request.Context.Caller.KeyId,
                Model = request.Context.Model,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            GatewayLog.WriteBackEnqueueFailed(logger, request.Context.RequestId, e);
        }
    }

    /// <summary>The user messages after the last assistant message: what this turn added.</summary>
    internal static IReadOnlyList<TurnMessage> NewUserMessages(JsonArray messages, string requestId)
    {
        var lastAssistant = -1;
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (MessageText.RoleOf(messages[i]) == "assistant")
            {
                lastAssistant = i;
                break;
            }
        }

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
