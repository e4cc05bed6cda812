namespace Gateway.Apis.Responses;

/// <summary>Registers the OpenAI Responses front end (<c>POST /v1/responses</c>).</summary>
internal static class ResponsesServiceCollectionExtensions
{
    public static IServiceCollection AddResponsesApi(this IServiceCollection services)
    {
        services.AddSingleton<ResponseIdSeal>();
        services.AddSingleton<ResponsesAnswerWriter>();
        services.AddSingleton<ResponsesHandler>();
        return services;
    }
}
