using System.Text;
using System.Text.Json.Nodes;
using Guardrails.Abstractions;

namespace Gateway.Pipeline;

/// <summary>One text field of one streamed choice (its content, refusal, reasoning, or one tool call's arguments)
/// behind its streaming guard. Logprob entries for the field wait until the guard has decided the text they
/// cover: sent as they are when that text went out unchanged, dropped when it was redacted, swallowed or held
/// at a block.</summary>
internal sealed class StreamedField(IStreamingGuard guard)
{
    private readonly StringBuilder _undecided = new();
    private readonly List<(JsonNode? Entry, long Start, long End)> _queue = [];
    private readonly List<(long Start, long End)> _tainted = [];
    private long _pushed;
    private long _decided;
    private long _logprobEnd;
    private bool _aligned = true;

    public bool Completed { get; private set; }

    /// <summary>Queues the logprob entries that describe the next <paramref name="textLength"/> characters.</summary>
    public void AddLogprobs(JsonArray? entries, int textLength)
    {
        if (entries is null || !_aligned)
        {
            return;
        }

        var length = 0L;
        foreach (var entry in entries)
        {
            if (entry is not JsonObject e || e["token"] is not JsonValue tv || !tv.TryGetValue<string>(out var token))
            {
                _aligned = false;
                _queue.Clear();
                return;
            }

            _queue.Add((entry.DeepClone(), _logprobEnd + length, _logprobEnd + length + token.Length));
            length += token.Length;
        }

        if (length != textLength)
        {
            _aligned = false;
            _queue.Clear();
            return;
        }

        _logprobEnd += length;
    }

    public async ValueTask<(StreamGuardOutput Output, JsonArray Released)> PushAsync(string text, CancellationToken cancellationToken)
    {
        _undecided.Append(text);
        _pushed += text.Length;
        var output = await guard.PushAsync(text, cancellationToken).ConfigureAwait(false);
        return (output, Settle(output, final: false));
    }

    public async ValueTask<(StreamGuardOutput Output, JsonArray Released)> CompleteAsync(CancellationToken cancellationToken)
    {
        Completed = true;
        var output = await guard.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return (output, Settle(output, final: true));
    }

    private JsonArray Settle(StreamGuardOutput output, bool final)
    {
        var decided = output.Blocked || final ? _pushed : _pushed - output.Held;
        var count = (int)Math.Clamp(decided - _decided, 0, _undecided.Length);
        var original = _undecided.ToString(0, count);
        _undecided.Remove(0, count);
        if (output.Blocked || output.Emit != original)
        {
            _tainted.Add((_decided, _decided + count));
        }

        _decided += count;
        var released = new JsonArray();
        var i = 0;
        for (; i < _queue.Count && _queue[i].End <= _decided; i++)
        {
            var (entry, start, end) = _queue[i];
            if (!_tainted.Any(t => t.Start < end && t.End > start) && !output.Blocked)
            {
                released.Add(entry);
            }
        }

        _queue.RemoveRange(0, i);
        var floor = _queue.Count > 0 ? _queue[0].Start : _decided;
        _tainted.RemoveAll(t => t.End <= floor && t.End < _decided);
        return released;
    }
}
