using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Gateway.Hosting;
using Microsoft.Extensions.Options;

namespace Gateway.Upstream;

/// <summary>Reads an upstream's answer within the limits, so a hostile or broken upstream cannot grow the
/// gateway's memory or hold a request forever: at most <c>Limits:MaxAnswerBytes</c> in all, SSE lines of at most
/// <c>Limits:MaxAnswerLineBytes</c>, and no silence longer than <c>Limits:AnswerIdleTimeoutSeconds</c>.</summary>
public sealed class UpstreamAnswerReader(IOptions<LimitsOptions> limits, TimeProvider time)
{
    private LimitsOptions Limits => limits.Value;

    /// <summary>Reads a whole (non-streamed) body; a failure instead when it is too large or stalls.</summary>
    public async Task<(byte[]? Body, UpstreamAnswerFailure? Failure)> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        var max = Limits.MaxAnswerBytes;
        if (response.Content.Headers.ContentLength > max)
        {
            return (null, TooLarge());
        }

        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var streamDisposal = stream.ConfigureAwait(false);
        using var body = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                idle.CancelAfter(IdleTimeout);
                int read;
                try
                {
                    read = await stream.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
                    idle.CancelAfter(Timeout.InfiniteTimeSpan);
                }
                catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    return (null, Stalled());
                }
                catch (IOException e) when (!cancellationToken.IsCancellationRequested)
                {
                    return (null, new UpstreamAnswerFailure(UpstreamAnswerFailureKind.Broken, $"The upstream's answer broke off ({e.GetType().Name})."));
                }
                catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
                {
                    return (null, new UpstreamAnswerFailure(UpstreamAnswerFailureKind.Broken, $"The upstream's answer broke off ({e.HttpRequestError})."));
                }

                if (read == 0)
                {
                    return (body.ToArray(), null);
                }

                if (body.Length + read > max)
                {
                    return (null, TooLarge());
                }

                body.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The stream's lines as they arrive; the last item carries the failure when the stream breaks a limit.</summary>
    public async IAsyncEnumerable<UpstreamLine> ReadLinesAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var maxLine = Limits.MaxAnswerLineBytes;
        var maxTotal = Limits.MaxAnswerBytes;
        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var streamDisposal = stream.ConfigureAwait(false);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024));
        var lines = new List<byte[]>();
        long total = 0;
        try
        {
            while (true)
            {
                ReadResult read;
                UpstreamAnswerFailure? failure = null;
                idle.CancelAfter(IdleTimeout);
                try
                {
                    read = await reader.ReadAsync(linked.Token).ConfigureAwait(false);

                    // Disarmed while the lines go on: a slow client is not a stalled upstream.
                    idle.CancelAfter(Timeout.InfiniteTimeSpan);
                }
                catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    read = default;
                    failure = Stalled();
                }
                catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                {
                    read = default;
                    failure = new UpstreamAnswerFailure(UpstreamAnswerFailureKind.Broken, $"The upstream's stream broke off ({e.GetType().Name}).");
                }

                if (failure is not null)
                {
                    yield return new UpstreamLine([], true, failure);
                    yield break;
                }

                var buffer = read.Buffer;
                var before = buffer.Length;
                lines.Clear();
                while (TryReadLine(ref buffer, read.IsCompleted, out var line))
                {
                    lines.Add(line.ToArray());
                }

                total += before - buffer.Length;
                if (total > maxTotal)
                {
                    failure = TooLarge();
                }
                else if (buffer.Length > maxLine)
                {
                    failure = new UpstreamAnswerFailure(UpstreamAnswerFailureKind.LineTooLong,
                        $"The upstream sent a line longer than the gateway's limit of {maxLine} bytes.");
                }

                var completed = read.IsCompleted;
                reader.AdvanceTo(buffer.Start, buffer.End);
                for (var i = 0; i < lines.Count; i++)
                {
                    yield return new UpstreamLine(lines[i], i == lines.Count - 1);
                }

                if (failure is not null)
                {
                    yield return new UpstreamLine([], true, failure);
                    yield break;
                }

                if (completed)
                {
                    yield break;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private TimeSpan IdleTimeout => TimeSpan.FromSeconds(Limits.AnswerIdleTimeoutSeconds);

    private UpstreamAnswerFailure TooLarge() => new(UpstreamAnswerFailureKind.TooLarge,
        $"The upstream's answer is larger than the gateway's limit of {Limits.MaxAnswerBytes} bytes (Limits:MaxAnswerBytes).");

    private UpstreamAnswerFailure Stalled() => new(UpstreamAnswerFailureKind.Stalled,
        $"The upstream sent nothing for {Limits.AnswerIdleTimeoutSeconds:0.#} s mid-answer (Limits:AnswerIdleTimeoutSeconds).");

    /// <summary>One line of an event stream, ended as SSE allows: LF, CRLF or a lone CR. A CR at the end of what has
    /// arrived waits for the next byte (it may be the first half of a CRLF), unless the stream is complete.</summary>
    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, bool completed, out ReadOnlySequence<byte> line)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadToAny(out ReadOnlySequence<byte> found, "\r\n"u8, advancePastDelimiter: false))
        {
            line = default;
            return false;
        }

        reader.TryRead(out var delimiter);
        if (delimiter == (byte)'\r')
        {
            if (reader.End && !completed)
            {
                line = default;
                return false;
            }

            if (reader.TryPeek(out var next) && next == (byte)'\n')
            {
                reader.Advance(1);
            }
        }

        line = found;
        buffer = buffer.Slice(reader.Position);
        return true;
    }
}
