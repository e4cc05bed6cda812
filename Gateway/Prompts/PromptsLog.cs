using Gateway.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Gateway.Prompts;

/// <summary>The prompt component's log messages (Gateway event ids 1500-1599). Never template text, memory text,
/// user text or keys: names, versions, counts and load errors only.</summary>
internal static partial class PromptsLog
{
    [LoggerMessage(EventId = GatewayEventIds.PromptTemplateLoaded, EventName = "PromptTemplateLoaded", Level = LogLevel.Information,
        Message = "Prompt template {Template} loaded, version {Version}")]
    public static partial void TemplateLoaded(this ILogger logger, string template, string version);

    [LoggerMessage(EventId = GatewayEventIds.PromptTemplateLoadFailed, EventName = "PromptTemplateLoadFailed", Level = LogLevel.Warning,
        Message = "Prompt template {Template} failed to load ({Error}); still serving version {ServingVersion}")]
    public static partial void TemplateLoadFailed(this ILogger logger, string template, string error, string servingVersion);

    [LoggerMessage(EventId = GatewayEventIds.PromptTemplateRemoved, EventName = "PromptTemplateRemoved", Level = LogLevel.Information,
        Message = "Prompt template {Template} removed: its file is gone")]
    public static partial void TemplateRemoved(this ILogger logger, string template);

    [LoggerMessage(EventId = GatewayEventIds.PromptDirectoryMissing, EventName = "PromptDirectoryMissing", Level = LogLevel.Warning,
        Message = "Prompt directory {Directory} does not exist; serving the built-in chat template until it does")]
    public static partial void DirectoryMissing(this ILogger logger, string directory);

    [LoggerMessage(EventId = GatewayEventIds.PromptWatcherUnavailable, EventName = "PromptWatcherUnavailable", Level = LogLevel.Warning,
        Message = "Cannot watch the prompt directory ({Reason}); edits are picked up by polling every {PollMilliseconds} ms")]
    public static partial void WatcherUnavailable(this ILogger logger, string reason, int pollMilliseconds);

    [LoggerMessage(EventId = GatewayEventIds.PromptReloadFailed, EventName = "PromptReloadFailed", Level = LogLevel.Error,
        Message = "Reloading the prompt directory failed; the templates being served are unchanged")]
    public static partial void ReloadFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = GatewayEventIds.PromptRenderFailed, EventName = "PromptRenderFailed", Level = LogLevel.Error,
        Message = "Rendering prompt template {Template} version {Version} failed ({Error}); using the built-in chat template")]
    public static partial void RenderFailed(this ILogger logger, string template, string version, string error);

    [LoggerMessage(EventId = GatewayEventIds.PromptMemorySelectionFailed, EventName = "PromptMemorySelectionFailed", Level = LogLevel.Error,
        Message = "Selecting memories for request {RequestId} failed; the request goes upstream without memories")]
    public static partial void MemorySelectionFailed(this ILogger logger, string requestId, Exception exception);

    [LoggerMessage(EventId = GatewayEventIds.PromptConsentLookupFailed, EventName = "PromptConsentLookupFailed", Level = LogLevel.Error,
        Message = "Reading memory consent for request {RequestId} failed; the request goes upstream without memories")]
    public static partial void ConsentLookupFailed(this ILogger logger, string requestId, Exception exception);

    [LoggerMessage(EventId = GatewayEventIds.PromptDoesNotFitContextWindow, EventName = "PromptDoesNotFitContextWindow", Level = LogLevel.Warning,
        Message = "Request {RequestId}: the {Template} system message needs {Needed} tokens but only {Available} fit the context window of {Model}; sent without it")]
    public static partial void SystemMessageDoesNotFit(this ILogger logger, string requestId, string template, int needed, int available, string model);

    [LoggerMessage(EventId = GatewayEventIds.PromptOverrideNotFound, EventName = "PromptOverrideNotFound", Level = LogLevel.Warning,
        Message = "Key {KeyId} names prompt template {Template}, which is not loaded; using the default selection")]
    public static partial void OverrideNotFound(this ILogger logger, string keyId, string template);

    [LoggerMessage(EventId = GatewayEventIds.PromptChatTemplateMissing, EventName = "PromptChatTemplateMissing", Level = LogLevel.Warning,
        Message = "No chat template is loaded from {Directory}; serving the built-in chat template")]
    public static partial void ChatTemplateMissing(this ILogger logger, string directory);

    [LoggerMessage(EventId = GatewayEventIds.PromptDirectoryWatched, EventName = "PromptDirectoryWatched", Level = LogLevel.Information,
        Message = "Watching prompt directory {Directory} (poll every {PollMilliseconds} ms)")]
    public static partial void DirectoryWatched(this ILogger logger, string directory, int pollMilliseconds);

    [LoggerMessage(EventId = GatewayEventIds.PromptMemoriesTrimmed, EventName = "PromptMemoriesTrimmed", Level = LogLevel.Debug,
        Message = "Request {RequestId}: {Kept} of {Offered} memories fit the {Budget}-token memory budget")]
    public static partial void MemoriesTrimmed(this ILogger logger, string requestId, int kept, int offered, int budget);
}
