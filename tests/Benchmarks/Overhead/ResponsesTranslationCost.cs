using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Apis.Responses;
using Gateway.Auth;
using Gateway.Pipeline;

namespace Benchmarks.Overhead;

/// <summary>The work a Responses call adds over a chat call, timed in process (so a loaded machine's scheduling noise
/// does not swamp it): the request translated to chat form, and the chat answer written back as a Responses object.
/// Part of <c>overhead [calls] responses</c>.</summary>
public static class ResponsesTranslationCost
{
    private const string Request = """
        {"model":"gpt-4o-mini","user":"perf","instructions":"You are a helpful assistant.","input":[
          {"role":"user","content":[{"type":"input_text","text":"What do I like about subject 12 and topic 156?"}]}],
         "tools":[{"type":"function","name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}],
         "max_output_tokens":256,"temperature":0.2,"metadata":{"feature":"chat"}}
        """;

    private const string Completion = """
        {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,
         "message":{"role":"assistant","content":"You like many topics, especially subject 12 and topic 156."},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":120,"completion_tokens":14,"total_tokens":134}}
        """;

    private static readonly ResponseIdSeal Ids = new(new FixedKeys());

    public static void Report(int iterations)
    {
        var requestBytes = System.Text.Encoding.UTF8.GetBytes(Request);
        var completionBytes = System.Text.Encoding.UTF8.GetBytes(Completion);
        for (var i = 0; i < iterations / 10; i++)
        {
            Once(requestBytes, completionBytes);
        }

        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            Once(requestBytes, completionBytes);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        Array.Sort(samples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Responses translation in process ({iterations} calls: request → chat form, chat answer → Responses object): p50 {samples[iterations / 2]:0.0} µs, p99 {samples[(int)(iterations * 0.99)]:0.0} µs"));
    }

    private static int Once(byte[] requestBytes, byte[] completionBytes)
    {
        var body = (JsonObject)JsonNode.Parse(requestBytes)!;
        var (chat, _) = ResponsesRequestTranslator.Translate(body);
        var context = new ChatRequestContext
        {
            RequestId = "r",
            Caller = CallerIdentity.Open,
            MemoryContext = "chat",
            Model = "gpt-4o-mini",
            Canary = "mem-0",
            Api = ClientApi.Responses,
            NativeBody = body,
        };
        var request = new ChatRequest(chat!, (JsonArray)chat!["messages"]!, false, context);
        var response = ResponseFromCompletion.Build((JsonObject)JsonNode.Parse(completionBytes)!, request, 1_700_000_000, Ids);
        return JsonSerializer.SerializeToUtf8Bytes(response).Length;
    }

    private sealed class FixedKeys : Guardrails.Audit.IDerivedKeys
    {
        public byte[] KeyFor(string purpose) => new byte[32];
    }
}
