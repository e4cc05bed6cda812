using System.Buffers;
using System.Text.Json;
using Gateway.Upstream;

namespace Gateway.Pipeline;

/// <summary>
/// Joins an event whose JSON is spread over several <c>data:</c> lines, as the SSE format allows (the event's data is
/// its data lines joined with line feeds). Every OpenAI-compatible server seen so far sends one line per event, and
/// those pass straight through <see cref="SseItemParser"/> as they arrive; only a <c>data:</c> line that is not JSON on
/// its own is held until the event's blank line. If the joined lines are one JSON object the event becomes one data
/// item (guarded, translated and written back like any chunk, and sent on one line); otherwise the held lines go on as
/// they came, each guarded as text. A held event is bounded by <see cref="MaxHeldBytes"/> and
/// <see cref="MaxHeldLines"/>: past either, it is released as text.
/// </summary>
internal sealed class SseEventJoiner
{
    public const int MaxHeldLines = 256;
    public const int MaxHeldBytes = 1024 * 1024;

    private readonly List<UpstreamLine> _held = [];
    private int _heldBytes;

    // A data line whose text ends with half of a character (SurrogateHalves), and the blank lines after it, held until
    // the next data line can give it the other half.
    private readonly List<UpstreamLine> _halfCut = [];

    /// <summary>Adds the next upstream line; the items ready to go on are appended to <paramref name="ready"/>.</summary>
    public void Add(UpstreamLine line, List<SseItem> ready)
    {
        if (_halfCut.Count > 0)
        {
            if (line.Failure is null && line.Bytes.Length == 0 && _halfCut.Count < 4)
            {
                _halfCut.Add(line);
                return;
            }

            if (line.Failure is null && SurrogateHalves.TryJoin(_halfCut[0].Bytes, line.Bytes, out var first, out var second))
            {
                _halfCut[0] = _halfCut[0] with { Bytes = first };
                line = line with { Bytes = second };
            }

            ReleaseHalfCut(ready);
        }

        if (line.Failure is null && SurrogateHalves.EndsWithHalf(line.Bytes))
        {
            _halfCut.Add(line);
            return;
        }

        AddLine(line, ready);
    }

    private void ReleaseHalfCut(List<SseItem> ready)
    {
        foreach (var waiting in _halfCut)
        {
            AddLine(waiting, ready);
        }

        _halfCut.Clear();
    }

    private void AddLine(UpstreamLine line, List<SseItem> ready)
    {
        if (_held.Count > 0)
        {
            if (line.Failure is null && IsDataLine(line.Bytes))
            {
                _held.Add(line);
                _heldBytes += line.Bytes.Length;
                if (_held.Count > MaxHeldLines || _heldBytes > MaxHeldBytes)
                {
                    Release(ready);
                }

                return;
            }

            if (line.Failure is null && line.Bytes.Length == 0 && TryJoin() is { } joined)
            {
                _held.Clear();
                _heldBytes = 0;
                ready.Add(joined);
                ready.Add(SseItemParser.Parse(line));
                return;
            }

            Release(ready);
        }

        var item = SseItemParser.Parse(line);
        if (item.Kind == SseItemKind.Text && line.Failure is null && IsDataLine(line.Bytes) && StartsObject(line.Bytes))
        {
            _held.Add(line);
            _heldBytes = line.Bytes.Length;
            return;
        }

        ready.Add(item);
    }

    /// <summary>The upstream's answer ended: whatever is still held goes on as it came.</summary>
    public void Complete(List<SseItem> ready)
    {
        ReleaseHalfCut(ready);
        if (_held.Count > 0)
        {
            Release(ready);
        }
    }

    private void Release(List<SseItem> ready)
    {
        foreach (var held in _held)
        {
            ready.Add(SseItemParser.Parse(held));
        }

        _held.Clear();
        _heldBytes = 0;
    }

    private SseItem? TryJoin()
    {
        if (_held.Count < 2)
        {
            return null;
        }

        // The event's data: its lines' payloads joined with line feeds, read as the parser reads any data line.
        var joined = new ArrayBufferWriter<byte>(_heldBytes + _held.Count);
        joined.Write("data: "u8);
        for (var i = 0; i < _held.Count; i++)
        {
            if (i > 0)
            {
                joined.Write("\n"u8);
            }

            joined.Write(SseItemParser.DataPayload(_held[i].Bytes));
        }

        if (SseItemParser.Parse(new UpstreamLine(joined.WrittenSpan.ToArray(), EndOfBatch: false)) is not { Kind: SseItemKind.Data, Json: { } json })
        {
            return null;
        }

        // Sent on one line: the joined text holds line feeds, which would end a line of the relayed stream.
        byte[] line = [.. "data: "u8, .. OpenAI.AnswerJson.Bytes(json)];
        return new SseItem { Kind = SseItemKind.Data, Raw = line, Json = json, Flush = false };
    }

    private static bool IsDataLine(byte[] bytes) => bytes.AsSpan().StartsWith("data:"u8);

    /// <summary>Only a line that opens a JSON object can begin a split chunk; any other text goes on at once.</summary>
    private static bool StartsObject(byte[] bytes) => SseItemParser.DataPayload(bytes).TrimStart(" \t"u8) is [(byte)'{', ..];
}
