using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Pipeline;
using Memory.Text;
using Microsoft.Extensions.Options;

namespace Gateway.Prompts;

/// <summary>How many tokens a request may add before it no longer fits its model's context window: the window
/// (per model, by longest configured prefix) less the app's messages and tools, the room the answer needs
/// (<c>max_completion_tokens</c> or <c>max_tokens</c>, else a default reserve) and a small headroom.</summary>
internal sealed class ContextWindowBudget
{
    /// <summary>Tokens each chat message costs beyond its text (role and framing), as OpenAI counts them.</summary>
    public const int PerMessageOverhead = 4;

    /// <summary>Tokens every reply is primed with.</summary>
    public const int ReplyPriming = 3;

    private readonly ITokenCounter _counter;
    private readonly IOptionsMonitor<PromptOptions> _options;

    public ContextWindowBudget(ITokenCounter counter, IOptionsMonitor<PromptOptions> options)
    {
        _counter = counter;
        _options = options;
    }

    /// <summary>The model's context window in tokens.</summary>
    public int WindowFor(string? model)
    {
        var options = _options.CurrentValue;
        if (string.IsNullOrEmpty(model))
        {
            return options.DefaultContextWindow;
        }

        var best = -1;
        var window = options.DefaultContextWindow;
        foreach (var (prefix, size) in options.ContextWindows)
        {
            if (prefix.Length > best && model.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                best = prefix.Length;
                window = size;
            }
        }

        return window;
    }

    /// <summary>Tokens left for the gateway's system message (its text plus framing), possibly negative, given the
    /// app's messages as <see cref="CountMessages"/> counts them (counted once per request).</summary>
    public int Available(string? model, int appMessageTokens, JsonObject? body)
    {
        var options = _options.CurrentValue;
        return WindowFor(model) - options.ContextHeadroom - OutputReserve(body, options) - appMessageTokens
               - CountTools(body, model) - ReplyPriming - PerMessageOverhead;
    }

    /// <summary>The app's messages as the model sees them: text plus per-message framing, names and tool calls.</summary>
    public int CountMessages(JsonArray messages, string? model)
    {
        var total = 0;
        foreach (var message in messages)
        {
            total += PerMessageOverhead + _counter.Count(MessageText.Of(message), model);
            if (message is JsonObject m)
            {
                if (m.TryGetPropertyValue("name", out var name) && name?.GetValueKind() == JsonValueKind.String)
                {
                    total += 1 + _counter.Count(name.GetValue<string>(), model);
                }

                if (m.TryGetPropertyValue("tool_calls", out var calls) && calls is not null)
                {
                    total += _counter.Count(calls.ToJsonString(), model);
                }

                if (m.TryGetPropertyValue("function_call", out var call) && call is not null)
                {
                    total += _counter.Count(call.ToJsonString(), model);
                }
            }
        }

        return total;
    }

    /// <summary>The tokens of the body's tool and function definitions and its response format.</summary>
    public int CountTools(JsonObject? body, string? model)
    {
        if (body is null)
        {
            return 0;
        }

        var total = 0;
        foreach (var key in (string[])["tools", "functions", "response_format"])
        {
            if (body.TryGetPropertyValue(key, out var node) && node is not null)
            {
                total += _counter.Count(node.ToJsonString(), model);
            }
        }

        return total;
    }

    private static int OutputReserve(JsonObject? body, PromptOptions options)
    {
        foreach (var key in (string[])["max_completion_tokens", "max_tokens"])
        {
            if (body is not null && body.TryGetPropertyValue(key, out var node) && node is JsonValue value &&
                value.GetValueKind() == JsonValueKind.Number && NumberOf(value) is { } tokens &&
                tokens >= 0 && tokens <= int.MaxValue)
            {
                return (int)tokens;
            }
        }

        return options.DefaultOutputReserve;
    }

    /// <summary>A number whether it was parsed from the body or set in code (an int-backed value is no double).</summary>
    private static double? NumberOf(JsonValue value) =>
        value.TryGetValue<double>(out var d) ? d
        : value.TryGetValue<long>(out var l) ? l
        : value.TryGetValue<int>(out var i) ? i
        : null;
}
