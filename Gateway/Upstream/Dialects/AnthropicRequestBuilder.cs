using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Apis.Messages;
using Gateway.Pipeline;
using Gateway.OpenAI;

namespace Gateway.Upstream.Dialects;

/// <summary>A chat-form request as an Anthropic Messages request: messages (<see cref="AnthropicMessagesBuilder"/>),
/// <c>max_tokens</c> (or <c>max_completion_tokens</c>, else the upstream's <c>AnthropicMaxTokens</c>), <c>stop</c> as
/// <c>stop_sequences</c>, sampling, tools and tool choice, <c>user</c> (as <c>Upstream:ForwardUser</c> made it) as
/// <c>metadata.user_id</c>. A Messages app's fields that chat cannot carry (<c>top_k</c>, <c>thinking</c>...) come from
/// its own body. Any
/// chat field Messages has no equivalent for is refused naming it, never dropped; so are a Responses app's
/// <c>store</c> and <c>previous_response_id</c>, which only an upstream serving Responses keeps.</summary>
internal static class AnthropicRequestBuilder
{
    /// <summary>Chat fields that are translated, or harmless at these values (null is always ignored).</summary>
    private static readonly HashSet<string> Handled = new(StringComparer.Ordinal)
    {
        "model", "messages", "max_tokens", "max_completion_tokens", "stop", "temperature", "top_p", "tools", "tool_choice",
        "parallel_tool_calls", "stream", "stream_options", "user", "response_format", "n", "logprobs", "presence_penalty",
        "frequency_penalty", "store",
    };

    public static UpstreamCall Build(ChatRequest request, UpstreamEndpoint upstream)
    {
        var chat = request.Body;
        if (Unsupported(chat) is { } unsupported)
        {
            return unsupported;
        }

        if (request.Context.Api == ClientApi.Responses && request.Context.NativeBody is { } responses)
        {
            if (!JsonRead.IsNull(responses["previous_response_id"]))
            {
                return UpstreamCall.Untranslatable("previous_response_id", "only an upstream that serves Responses keeps conversations; send the whole input");
            }

            if (JsonRead.Bool(responses["store"]) == true)
            {
                return UpstreamCall.Untranslatable("store", "only an upstream that serves Responses stores responses; send store: false");
            }
        }

        var body = new JsonObject { ["model"] = request.Context.Model };
        // The stages replace the body's messages (the memory prompt), not the request's first reading of them.
        if (AnthropicMessagesBuilder.Build(chat["messages"] as JsonArray ?? request.Messages, body, request) is { } failure)
        {
            return failure;
        }

        body["max_tokens"] = JsonRead.Integer(chat["max_completion_tokens"]) ?? JsonRead.Integer(chat["max_tokens"]) ?? upstream.Options.AnthropicMaxTokens;
        if (chat["stop"] is { } stop && !JsonRead.IsNull(stop))
        {
            body["stop_sequences"] = JsonRead.String(stop) is { } one ? new JsonArray(one) : stop.DeepClone();
        }

        if (chat["temperature"] is JsonValue temperature && JsonRead.IsNumber(temperature))
        {
            if (temperature.GetValue<double>() > 1)
            {
                return UpstreamCall.Untranslatable("temperature", "a Messages upstream takes 0 to 1");
            }

            body["temperature"] = temperature.DeepClone();
        }

        if (chat["top_p"] is JsonValue topP && JsonRead.IsNumber(topP))
        {
            body["top_p"] = topP.DeepClone();
        }

        if (AnthropicToolsBuilder.Build(chat, body) is { } toolFailure)
        {
            return toolFailure;
        }

        if (JsonRead.String(chat["user"]) is { Length: > 0 } user)
        {
            body["metadata"] = new JsonObject { ["user_id"] = user };
        }

        if (JsonRead.Bool(chat["stream"]) == true)
        {
            body["stream"] = true;
        }

        if (request.Context.Api == ClientApi.Messages && request.Context.NativeBody is { } native)
        {
            NativeFields(native, body);
        }

        return new UpstreamCall("messages", JsonSerializer.SerializeToUtf8Bytes(body));
    }

    /// <summary>What a Messages app sent that chat form does not carry, taken from its own body.</summary>
    private static void NativeFields(JsonObject native, JsonObject body)
    {
        foreach (var field in MessagesNativeFields.Uncarried(native))
        {
            body[field] = native[field]!.DeepClone();
        }

        // metadata is not copied: it holds user_id only (the translation refuses any other key), which went into the
        // chat form's user and from there, as Upstream:ForwardUser says, into metadata.user_id above.

        // Prompt caching marks on tools, by name.
        if (native["tools"] is JsonArray nativeTools && body["tools"] is JsonArray tools)
        {
            foreach (var tool in tools.OfType<JsonObject>())
            {
                var name = JsonRead.String(tool["name"]);
                if (nativeTools.OfType<JsonObject>().FirstOrDefault(t => JsonRead.String(t["name"]) == name).Field("cache_control") is { } cache)
                {
                    tool["cache_control"] = cache.DeepClone();
                }
            }
        }
    }

    private static UpstreamCall? Unsupported(JsonObject chat)
    {
        foreach (var (field, value) in chat)
        {
            if (JsonRead.IsNull(value))
            {
                continue;
            }

            var ok = Handled.Contains(field) && field switch
            {
                "n" => JsonRead.Integer(value) == 1,
                "logprobs" or "store" => JsonRead.Bool(value) == false,
                "presence_penalty" or "frequency_penalty" => JsonRead.IsNumber(value) && value!.GetValue<double>() == 0,
                "response_format" => JsonRead.String(value.Field("type")) is null or "text",
                _ => true,
            };
            if (!ok)
            {
                return UpstreamCall.Untranslatable(field, "a Messages (anthropic) upstream has no equivalent");
            }
        }

        return null;
    }
}
