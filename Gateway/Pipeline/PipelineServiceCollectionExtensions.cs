namespace Gateway.Pipeline;

/// <summary>Registers the chat request path: its stages and the handler that composes them
/// (<see cref="ChatCompletionHandler"/>).</summary>
internal static class PipelineServiceCollectionExtensions
{
    public static IServiceCollection AddChatPipeline(this IServiceCollection services)
    {
        services.AddSingleton<Upstream.UpstreamAnswerReader>();
        services.AddSingleton<InputGuardStage>();
        services.AddSingleton<PromptStage>();
        services.AddSingleton<TurnRecorder>();
        services.AddSingleton<WriteBackStage>();
        services.AddSingleton<OutputGuardNotices>();
        services.AddSingleton<PlainAnswerGuard>();
        services.AddSingleton<StreamedAnswerGuard>();
        services.AddSingleton<OutputGuardStage>();
        services.AddSingleton<ForwardStage>();
        services.AddSingleton<ChatCompletionHandler>();
        return services;
    }
}
