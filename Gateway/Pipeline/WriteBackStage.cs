using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.OpenAI;

namespace Gateway.Pipeline;

/// <summary>Write-back stage: opens the turn in the outbox as the call goes upstream (so the disk flush overlaps
/// the model's answer) and closes it with the answer the client gets (after the output guard) before the
/// answer's last byte — before <c>data: [DONE]</c> on a stream. An answer that ends without one (a refusal, an
/// upstream cut off mid-answer, a client gone) abandons the turn. Inserted only for requests with a user while
/// write-back is on.</summary>
internal sealed class WriteBackStage(TurnRecorder recorder) : IChatStage
{
    /// <summary>False when no request could be recorded (no outbox, extraction off).</summary>
    public bool Enabled => recorder.Enabled;

    public async Task<ChatAnswer> InvokeAsync(ChatRequest request, ChatStageDelegate next, CancellationToken cancellationToken)
    {
        recorder.Open(request);
        var answer = await next(request, cancellationToken).ConfigureAwait(false);
        switch (answer)
        {
            case PlainAnswer { IsSuccess: true, Json: not null } plain:
                await recorder.RecordAsync(request, FirstContent(plain.Json), cancellationToken).ConfigureAwait(false);
                return answer;
            case StreamedAnswer streamed:
                return streamed.With(RecordStreamAsync(streamed.Items, request, cancellationToken));
            default:
                recorder.AbandonIfOpen(request);
                return answer;
        }
    }

    private async IAsyncEnumerable<SseItem> RecordStreamAsync(IAsyncEnumerable<SseItem> items, ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var answer = new StringBuilder();
        var recorded = false;
        var failed = false;
        try
        {
            await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (item.Kind == SseItemKind.Error)
                {
                    failed = true;
                    recorder.AbandonIfOpen(request);
                }
                else if (item.Kind == SseItemKind.Done)
                {
                    recorded = true;
                    await recorder.RecordAsync(request, answer.ToString(), CancellationToken.None).ConfigureAwait(false);
                }
                else if (item is { Kind: SseItemKind.Data, GatewayNotice: false, Json: { } json })
                {
                    AppendContent(json, answer);
                }

                yield return item;
            }

            // The upstream ended without [DONE]: what arrived is the answer.
            if (!recorded && !failed)
            {
                recorded = true;
                await recorder.RecordAsync(request, answer.ToString(), CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            if (!recorded)
            {
                recorder.AbandonIfOpen(request);
            }
        }
    }

    /// <summary>How much of the answer a turn keeps. Extraction reads only what the user said (the answer is kept for
    /// the record), so a huge answer is not copied into memory and the outbox whole.</summary>
    internal const int MaxAnswerChars = 8 * 1024;

    /// <summary>Appends the first choice's content delta of a chunk, up to <see cref="MaxAnswerChars"/>.</summary>
    private static void AppendContent(JsonObject chunk, StringBuilder answer)
    {
        if (answer.Length >= MaxAnswerChars)
        {
            return;
        }

        if (chunk["choices"] is not JsonArray choices)
        {
            return;
        }

        foreach (var choice in choices)
        {
            if (choice is JsonObject c && (c["index"] is not JsonValue iv || (iv.TryGetValue<int>(out var index) && index == 0))
                && c["delta"] is JsonObject delta && delta["content"] is JsonValue v && v.TryGetValue<string>(out var text))
            {
                answer.Append(text.AsSpan(0, Cut(text, MaxAnswerChars - answer.Length)));
            }
        }
    }

    private static string? FirstContent(JsonObject? answer) =>
        answer.Field("choices") is JsonArray { Count: > 0 } choices && choices[0] is JsonObject first && first["message"] is JsonObject message
            && message["content"] is JsonValue v && v.TryGetValue<string>(out var s) ? s[..Cut(s, MaxAnswerChars)] : null;

    /// <summary>At most <paramref name="max"/> characters of <paramref name="text"/>, never half a surrogate pair.</summary>
    private static int Cut(string text, int max) =>
        text.Length <= max ? text.Length : max > 0 && char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
}
