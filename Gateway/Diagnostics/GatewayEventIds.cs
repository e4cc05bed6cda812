namespace Gateway.Diagnostics;

/// <summary>Every log event id of the Gateway assembly, in one place so none is used twice (range 1000-1999; a test
/// fails on a duplicate or an id outside it). Grouped by area; the source-generated <c>[LoggerMessage]</c> methods
/// name these constants.</summary>
internal static class GatewayEventIds
{
    // Diagnostics/GatewayLog.cs
    public const int GatewayOpen = 1000;
    public const int GatewayReady = 1001;
    public const int UpstreamFailed = 1010;
    public const int ClientCancelled = 1011;
    public const int UpstreamStreamBroken = 1012;
    public const int RequestRejected = 1020;
    public const int RateLimited = 1021;
    public const int UnhandledError = 1030;
    public const int GuardrailIntervened = 1040;
    public const int ReAsk = 1041;
    public const int WriteBackEnqueueFailed = 1050;
    public const int MemoryUnavailable = 1051;

    // Hosting/WarmUp/WarmUpService.cs, RequestPathWarmUp.cs
    public const int WarmedUp = 1060;
    public const int WarmUpFailed = 1061;
    public const int RequestPathWarmedUp = 1062;
    public const int RequestPathWarmUpSkipped = 1063;
    public const int RequestPathWarmUpFailed = 1064;
    public const int RequestPathWarmUpEndedEarly = 1065;

    // Prompts/PromptsLog.cs
    public const int PromptTemplateLoaded = 1500;
    public const int PromptTemplateLoadFailed = 1501;
    public const int PromptTemplateRemoved = 1502;
    public const int PromptDirectoryMissing = 1503;
    public const int PromptWatcherUnavailable = 1504;
    public const int PromptReloadFailed = 1505;
    public const int PromptRenderFailed = 1506;
    public const int PromptMemorySelectionFailed = 1507;
    public const int PromptConsentLookupFailed = 1508;
    public const int PromptDoesNotFitContextWindow = 1509;
    public const int PromptOverrideNotFound = 1510;
    public const int PromptChatTemplateMissing = 1511;
    public const int PromptDirectoryWatched = 1512;
    public const int PromptMemoriesTrimmed = 1513;
}
