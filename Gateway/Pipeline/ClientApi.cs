namespace Gateway.Pipeline;

/// <summary>The API an app called the gateway with. Every API runs the same pipeline in chat completions form; the
/// front end of each translates the app's request in and the answer out.</summary>
public enum ClientApi
{
    /// <summary><c>POST /v1/chat/completions</c>.</summary>
    ChatCompletions,

    /// <summary><c>POST /v1/responses</c> (OpenAI Responses).</summary>
    Responses,

    /// <summary><c>POST /v1/messages</c> (Anthropic Messages).</summary>
    Messages,
}
