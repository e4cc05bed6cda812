using System.Diagnostics;
using System.Diagnostics.Metrics;
using Gateway.Pipeline;

namespace Gateway.Diagnostics;

/// <summary>The gateway's OpenTelemetry instruments (meter <c>Gateway</c>) and activity source.</summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Gateway";
    public static readonly ActivitySource ActivitySource = new("Gateway");

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _upstreamDuration;
    private readonly Counter<long> _inputTokens;
    private readonly Counter<long> _outputTokens;
    private readonly Counter<long> _memoriesInjected;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("gateway.chat.requests", description: "Chat completion requests by outcome.");
        _duration = meter.CreateHistogram<double>("gateway.chat.duration", "s", "Whole chat request duration through the gateway.");
        _upstreamDuration = meter.CreateHistogram<double>("gateway.upstream.duration", "s", "Time to the upstream's response headers.");
        _inputTokens = meter.CreateCounter<long>("gateway.tokens.input", description: "Prompt tokens reported by upstreams.");
        _outputTokens = meter.CreateCounter<long>("gateway.tokens.output", description: "Completion tokens reported by upstreams.");
        _memoriesInjected = meter.CreateCounter<long>("gateway.memories.injected", description: "Memories injected into prompts.");
    }

    public void RecordRequest(string outcome, bool stream, string? variant, TimeSpan elapsed, ClientApi api = ClientApi.ChatCompletions)
    {
        var tags = new TagList { { "outcome", outcome }, { "stream", stream }, { "variant", variant ?? "none" }, { "api", ApiTag(api) } };
        _requests.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    private static string ApiTag(ClientApi api) => api switch
    {
        ClientApi.Responses => "responses",
        ClientApi.Messages => "messages",
        _ => "chat.completions",
    };

    public void RecordUpstream(string upstream, int status, TimeSpan elapsed) =>
        _upstreamDuration.Record(elapsed.TotalSeconds, new TagList { { "upstream", upstream }, { "status", status } });

    public void RecordTokens(long input, long output, string? model)
    {
        var tags = new TagList { { "model", model ?? "unknown" } };
        if (input > 0)
        {
            _inputTokens.Add(input, tags);
        }

        if (output > 0)
        {
            _outputTokens.Add(output, tags);
        }
    }

    public void RecordInjected(int count)
    {
        if (count > 0)
        {
            _memoriesInjected.Add(count);
        }
    }
}
