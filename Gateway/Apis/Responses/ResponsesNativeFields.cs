using System.Text.Json.Nodes;
using Gateway.Pipeline;

namespace Gateway.Apis.Responses;

/// <summary>The Responses request fields chat completions cannot carry. They stay in the app's native body
/// (<see cref="ChatRequestContext.NativeBody"/>): an upstream that serves Responses natively gets them as sent; any
/// other upstream kind refuses the call naming the field (a stored response to continue from cannot be
/// translated), so nothing is silently dropped. Only meaningful values count (<c>store: false</c> is what a
/// translated call does anyway).</summary>
internal static class ResponsesNativeFields
{
    /// <summary>Each native field, with the test that a value asks for something only a Responses upstream can do.</summary>
    public static readonly IReadOnlyList<(string Field, Func<JsonNode?, bool> Meaningful)> All =
    [
        ("store", Json.IsTrue),
        ("previous_response_id", v => !Json.IsNull(v)),
        ("conversation", v => !Json.IsNull(v)), // refused before this (ResponsesRequestTranslator.ConversationRefused); kept so a null passes
        ("prompt", v => !Json.IsNull(v)),
        ("truncation", v => Json.String(v) is { } s && s != "disabled"),
        ("max_tool_calls", v => !Json.IsNull(v)),
    ];

    public static bool IsNative(string field) => All.Any(f => f.Field == field);

    /// <summary>The first native field the app set with meaning on a Responses call, for an upstream that would have
    /// to translate it (null: nothing is lost in translation).</summary>
    public static (string Field, string Problem)? Untranslatable(ChatRequest request)
    {
        if (request.Context.Api != ClientApi.Responses || request.Context.NativeBody is not { } native)
        {
            return null;
        }

        foreach (var (field, meaningful) in All)
        {
            if (native.TryGetPropertyValue(field, out var value) && meaningful(value))
            {
                return (field, "only an upstream that serves the Responses API natively (Upstream:Kind=responses) can take it; "
                    + "this model's upstreams need the call translated. Drop the field or route the model to a Responses upstream.");
            }
        }

        return null;
    }
}
