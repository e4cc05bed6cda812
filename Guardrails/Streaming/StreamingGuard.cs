using System.Text;
using Guardrails.Abstractions;
using Guardrails.Checks;
using Guardrails.Decisions;
using Guardrails.Policies;
using Microsoft.Extensions.Logging;

namespace Guardrails.Streaming;

/// <summary>Output checks over a streamed answer without buffering it. Text flows on as soon as no pattern could
/// still be forming over it: the guard holds back only the last <see cref="HoldBack"/> characters (what the
/// longest active pattern needs, at most 128) and, unless policy phrases are in play, only the trailing run of
/// tokens that could begin a pattern (<see cref="HoldBackBoundary"/>), so plain words flow at once while a card
/// number or key split across chunks is still redacted.
/// A match that reaches past the hold-back (a long token, a PEM block) is replaced at once and its continuation
/// swallowed. A block ends the stream with the reason. Checks over the whole answer (schema, injection) run at
/// the end and, since the answer has been sent, can only be recorded.</summary>
internal sealed class StreamingGuard : IStreamingGuard
{
    /// <summary>The contract's cap on held-back characters.</summary>
    public const int MaxHoldBack = 128;

    /// <summary>Characters after a match that must be known before it is final (look-ahead of the patterns).</summary>
    private const int LookAhead = 3;

    /// <summary>Most characters of an unbroken token already sent that are kept as look-behind, so a match whose
    /// start was sent before it could be recognised (a JWT whose header is longer than the hold-back) is still
    /// found and its remainder redacted.</summary>
    private const int MaxTokenLookBehind = 1024;

    private readonly GuardrailPipeline _pipeline;
    private readonly IGuardrailCheck[] _spanChecks;
    private readonly IGuardrailCheck[] _wholeChecks;
    private readonly GuardrailPolicy _policy;
    private readonly GuardrailRequestContext _context;
    private readonly DecisionRecorder _recorder;
    private readonly ILogger _logger;
    private readonly StringBuilder _pending = new();
    private readonly StringBuilder? _whole;
    private readonly HashSet<(string Rule, long Start)> _recorded = [];
    private readonly GuardrailAction _lengthAction;
    private readonly bool _tokenAware;
    private string _emittedTail = string.Empty;
    private long _consumed;
    private long _emittedChars;
    private ISpanSwallower? _swallower;

    // Where a JSON reader of the text consumed so far stands: a placeholder standing for a bare value is quoted.
    private JsonTextState _json;
    private bool _blocked;
    private bool _truncated;
    private bool _lengthRecorded;
    private string? _reason;

    public StreamingGuard(GuardrailPipeline pipeline, IEnumerable<IGuardrailCheck> checks, GuardrailPolicy policy, GuardrailRequestContext context, DecisionRecorder recorder, ILogger logger)
    {
        _pipeline = pipeline;
        _policy = policy;
        _context = context;
        _recorder = recorder;
        _logger = logger;
        var active = CheckRunner.Active(checks, GuardrailStage.Output, policy).ToArray();
        _spanChecks = active.Where(c => c.StreamWindow > 0).ToArray();
        _wholeChecks = active.Where(c => c.StreamWindow == 0 && c.Family != RuleFamilies.Length).ToArray();
        HoldBack = _spanChecks.Length == 0 ? 0 : Math.Min(MaxHoldBack, _spanChecks.Max(c => c.StreamWindow));
        _lengthAction = policy.MaxOutputChars > 0 ? policy.ActionFor(GuardrailStage.Output, OutputLengthCheck.Rule) : GuardrailAction.Allow;
        _whole = _wholeChecks.Length > 0 ? new StringBuilder() : null;

        // Policy phrases and other users' memories are made of ordinary words, so with them in play the whole
        // window is held; otherwise only the trailing run of tokens that could begin a pattern.
        _tokenAware = !(policy.Blocklists.Count > 0 && policy.IsActive(GuardrailStage.Output, RuleFamilies.Blocklist))
            && !(policy.Topics.Count > 0 && policy.IsActive(GuardrailStage.Output, RuleFamilies.Topic))
            && context.ForeignMemoryTexts.Count == 0
            && context.Canaries.All(c => !c.Any(char.IsWhiteSpace));
    }

    /// <summary>Characters held back at most (the longest active pattern's window, ≤ 128).</summary>
    public int HoldBack { get; }

    public ValueTask<StreamGuardOutput> PushAsync(string delta, CancellationToken cancellationToken = default)
    {
        if (_blocked)
        {
            return ValueTask.FromResult(Output(string.Empty, true, _reason));
        }

        if (string.IsNullOrEmpty(delta))
        {
            return ValueTask.FromResult(Output(string.Empty));
        }

        _whole?.Append(delta);
        if (_swallower is not null)
        {
            var swallowed = _swallower.Swallow(delta, out var ended);
            _consumed += swallowed;
            _json.Feed(delta.AsSpan(0, swallowed));
            _emittedTail = Tail(_emittedTail + delta[..swallowed]);
            delta = delta[swallowed..];
            if (!ended)
            {
                return ValueTask.FromResult(Output(string.Empty));
            }

            _swallower = null;
        }

        _pending.Append(delta);
        return DrainAsync(final: false, cancellationToken);
    }

    public async ValueTask<StreamGuardOutput> CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_blocked)
        {
            return Output(string.Empty, true, _reason);
        }

        var output = await DrainAsync(final: true, cancellationToken).ConfigureAwait(false);
        if (!output.Blocked && _whole is not null && _whole.Length > 0)
        {
            await RecordWholeAnswerAsync(_whole.ToString(), cancellationToken).ConfigureAwait(false);
        }

        return output;
    }

    private async ValueTask<StreamGuardOutput> DrainAsync(bool final, CancellationToken cancellationToken)
    {
        if (_pending.Length == 0)
        {
            return Output(string.Empty);
        }

        var pending = _pending.ToString();
        if (_spanChecks.Length == 0)
        {
            _pending.Clear();
            return await LimitAsync(Advance(pending, pending.Length, pending), cancellationToken).ConfigureAwait(false);
        }

        var window = _emittedTail + pending;
        var offset = _emittedTail.Length;
        var checkContext = new CheckContext(GuardrailStage.Output, _context, _policy);
        // A match found wholly in text already sent was dealt with then; one that begins there and runs on into
        // the pending text (its start looked harmless until the rest arrived) has its remainder redacted.
        var decisions = CheckRunner.Run(_spanChecks, window, checkContext, _logger)
            .Where(d => d.Detection.Start >= offset || d.Detection.End > offset)
            .Select(d => d with { Detection = Rebase(d.Detection, offset) })
            .ToList();
        var limit = final ? pending.Length : Math.Max(0, pending.Length - HoldBack);
        if (!final && _tokenAware)
        {
            limit = Math.Max(limit, HoldBackBoundary.Find(pending, _emittedTail));
        }

        var output = new StringBuilder();
        var toRecord = new List<Decision>();
        var cursor = 0;
        var emitUpTo = limit;

        foreach (var flag in decisions.Where(d => d.Action == GuardrailAction.Flag && (final || d.Detection.Start < limit)))
        {
            toRecord.Add(flag);
        }

        var enforced = Redaction.Resolve(decisions.Where(d => d.Action > GuardrailAction.Flag).Select(d => d.Detection));
        foreach (var span in enforced)
        {
            var decision = decisions.First(d => d.Detection == span);
            if (span.Start < cursor)
            {
                continue;
            }

            var complete = final || span.End <= pending.Length - LookAhead;
            var blocking = decision.Action is GuardrailAction.Block or GuardrailAction.Retry;
            if (blocking && (complete || span.Start < limit))
            {
                // A final match that blocks ends the stream at once, even inside the hold-back: nothing after
                // the clean text before it is sent.
                toRecord.Add(decision);
                var cleanEnd = Math.Max(cursor, Math.Min(span.Start, limit));
                output.Append(pending, cursor, cleanEnd - cursor);
                await RecordAsync(window, offset, toRecord, cancellationToken).ConfigureAwait(false);
                Block(span.Rule);
                return await LimitAsync(Advance(output.ToString(), pending.Length, pending), cancellationToken, blocked: true).ConfigureAwait(false);
            }

            if (!final && span.Start >= limit)
            {
                emitUpTo = Math.Min(emitUpTo, span.Start);
                break;
            }

            toRecord.Add(decision);
            var json = _json;
            json.Feed(pending.AsSpan(0, span.Start));
            output.Append(pending, cursor, span.Start - cursor).Append(JsonRedaction.Quoted(json, span).Replacement);
            cursor = span.End;
            if (!complete)
            {
                // The match runs on past what has arrived: swallow its continuation from here on.
                if (span.Continuation is { } continuation)
                {
                    var swallower = continuation.Begin();
                    var eaten = swallower.Swallow(pending.AsSpan(span.Start), out var ended);
                    cursor = Math.Max(cursor, span.Start + eaten);
                    _swallower = ended ? null : swallower;
                }

                emitUpTo = cursor;
                break;
            }

            emitUpTo = Math.Max(emitUpTo, cursor);
        }

        emitUpTo = Math.Max(emitUpTo, cursor);
        output.Append(pending, cursor, emitUpTo - cursor);
        await RecordAsync(window, offset, toRecord, cancellationToken).ConfigureAwait(false);
        _pending.Remove(0, emitUpTo);
        return await LimitAsync(Advance(output.ToString(), emitUpTo, pending), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves a detection from window to pending offsets; one that began in text already sent keeps only
    /// its pending part.</summary>
    private static Detection Rebase(Detection detection, int offset) =>
        detection.Start >= offset
            ? detection with { Start = detection.Start - offset }
            : detection with { Start = 0, Length = detection.End - offset };

    private StreamGuardOutput Output(string emit, bool blocked = false, string? reason = null) =>
        new(emit, blocked, reason) { Held = _pending.Length };

    /// <summary>Moves past <paramref name="consumed"/> characters of <paramref name="pending"/>, keeping their tail
    /// as look-behind context for the next window.</summary>
    private string Advance(string emit, int consumed, string pending)
    {
        _emittedTail = Tail(_emittedTail + pending[..consumed]);
        _json.Feed(pending.AsSpan(0, consumed));
        _consumed += consumed;
        return emit;
    }

    /// <summary>The look-behind kept from sent text: the last few characters, extended back to the start of the
    /// unbroken token they end in (at most <see cref="MaxTokenLookBehind"/>), and to an ssh-keygen command on the last
    /// line (at most <see cref="MaxCommandLookBehind"/> back), whose <c>-N</c>/<c>-P</c> options take a passphrase
    /// however long the options before them ("ssh-keygen -t ed25519 -C "a long comment" -N "...").</summary>
    private static string Tail(string text)
    {
        var keep = TextContext.LookBehind + 8;
        if (text.Length <= keep)
        {
            return text;
        }

        var start = text.Length - keep;
        var floor = Math.Max(0, text.Length - MaxTokenLookBehind);
        while (start > floor && !char.IsWhiteSpace(text[start - 1]) && !char.IsWhiteSpace(text[start]))
        {
            start--;
        }

        var from = Math.Max(0, text.Length - MaxCommandLookBehind);
        var line = from + text.AsSpan(from).LastIndexOfAny('\n', '\r') + 1;
        var command = text.AsSpan(line).IndexOf("ssh-keygen", StringComparison.Ordinal);
        if (command >= 0 && line + command < start)
        {
            start = line + command;
        }

        return text[start..];
    }

    /// <summary>How far back the command of a streamed command line is kept as look-behind.</summary>
    private const int MaxCommandLookBehind = 320;

    private async ValueTask<StreamGuardOutput> LimitAsync(string emit, CancellationToken cancellationToken, bool blocked = false)
    {
        if (_truncated)
        {
            return Output(string.Empty, blocked, _reason);
        }

        var max = _policy.MaxOutputChars;
        if (max > 0 && _lengthAction != GuardrailAction.Allow && _emittedChars + emit.Length > max)
        {
            var allowed = (int)Math.Max(0, max - _emittedChars);
            if (!_lengthRecorded)
            {
                _lengthRecorded = true;
                var detection = OutputLengthCheck.Exceeded((int)(_emittedChars + emit.Length), max);
                await _recorder.RecordAsync(GuardrailStage.Output, string.Empty, [new Decision(detection, _lengthAction)], _context, _policy, cancellationToken).ConfigureAwait(false);
            }

            switch (_lengthAction)
            {
                case GuardrailAction.Block or GuardrailAction.Retry:
                    Block(OutputLengthCheck.Rule);
                    _truncated = true;
                    _emittedChars += allowed;
                    return Output(emit[..allowed], true, _reason);
                case GuardrailAction.Redact:
                    _truncated = true;
                    _emittedChars += allowed;
                    return Output(emit[..allowed], blocked, _reason);
            }
        }

        _emittedChars += emit.Length;
        return Output(emit, blocked, blocked ? _reason : null);
    }

    private void Block(string rule)
    {
        _blocked = true;
        _reason = $"The answer was stopped by guardrail rule {rule}.";
        _pending.Clear();
        GuardrailsLog.StreamBlocked(_logger, rule);
    }

    private async ValueTask RecordAsync(string window, int offset, List<Decision> decisions, CancellationToken cancellationToken)
    {
        var fresh = new List<Decision>();
        foreach (var decision in decisions)
        {
            if (_recorded.Add((decision.Detection.Rule, _consumed + decision.Detection.Start)))
            {
                fresh.Add(decision with { Detection = decision.Detection with { Start = decision.Detection.Start + offset } });
            }
        }

        if (fresh.Count > 0)
        {
            await _recorder.RecordAsync(GuardrailStage.Output, window, fresh, _context, _policy, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whole-answer checks once the stream ended. The answer is already with the client, so whatever the
    /// policy says, the decision is recorded as a flag.</summary>
    private async ValueTask RecordWholeAnswerAsync(string answer, CancellationToken cancellationToken)
    {
        var schema = await _pipeline.ResolveSchemaAsync(GuardrailStage.Output, _context, _policy, cancellationToken).ConfigureAwait(false);
        var checkContext = new CheckContext(GuardrailStage.Output, _context, _policy, schema);
        var decisions = CheckRunner.Run(_wholeChecks, answer, checkContext, _logger)
            .Select(d => d with { Action = GuardrailAction.Flag })
            .ToList();
        if (decisions.Count > 0)
        {
            await _recorder.RecordAsync(GuardrailStage.Output, answer, decisions, _context, _policy, cancellationToken).ConfigureAwait(false);
        }
    }
}
