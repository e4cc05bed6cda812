namespace Gateway.Diagnostics;

/// <summary>Gateway log messages (event ids 1000-1499). Never message text, memory text or keys.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(GatewayEventIds.GatewayOpen, LogLevel.Warning, "No API keys are configured: the gateway is OPEN, every caller is tenant 'default' with all scopes. Set Auth:Keys to require keys.", EventName = "GatewayOpen")]
    public static partial void GatewayOpen(ILogger logger);

    [LoggerMessage(GatewayEventIds.GatewayReady, LogLevel.Information, "Gateway ready: {UpstreamCount} upstream(s), primary '{Upstream}' ({Kind}), {KeyCount} key(s), store '{Store}', embedder '{Embedder}'.", EventName = "GatewayReady")]
    public static partial void GatewayReady(ILogger logger, int upstreamCount, string upstream, string kind, int keyCount, string store, string embedder);

    [LoggerMessage(GatewayEventIds.UpstreamFailed, LogLevel.Warning, "Upstream '{Upstream}' failed ({Kind}, status {Status}); trying the next one if any.", EventName = "UpstreamFailed")]
    public static partial void UpstreamFailed(ILogger logger, string upstream, string kind, int status);

    [LoggerMessage(GatewayEventIds.ClientCancelled, LogLevel.Information, "Client disconnected; upstream call for request {RequestId} cancelled.", EventName = "ClientCancelled")]
    public static partial void ClientCancelled(ILogger logger, string requestId);

    [LoggerMessage(GatewayEventIds.UpstreamStreamBroken, LogLevel.Warning, "Upstream stream for request {RequestId} ended abnormally ({Reason}).", EventName = "UpstreamStreamBroken")]
    public static partial void UpstreamStreamBroken(ILogger logger, string requestId, string reason);

    [LoggerMessage(GatewayEventIds.RequestRejected, LogLevel.Warning, "Request {RequestId} rejected: {Status} {Code}.", EventName = "RequestRejected")]
    public static partial void RequestRejected(ILogger logger, string requestId, int status, string code);

    [LoggerMessage(GatewayEventIds.RateLimited, LogLevel.Warning, "Rate limit hit for key '{KeyId}'.", EventName = "RateLimited")]
    public static partial void RateLimited(ILogger logger, string keyId);

    [LoggerMessage(GatewayEventIds.UnhandledError, LogLevel.Error, "Unhandled error in request {RequestId} ({ExceptionType}).", EventName = "UnhandledError")]
    public static partial void UnhandledError(ILogger logger, string requestId, string exceptionType, Exception exception);

    [LoggerMessage(GatewayEventIds.GuardrailIntervened, LogLevel.Warning, "Guardrail {Action} on {Stage} of request {RequestId}: {Rule}.", EventName = "GuardrailIntervened")]
    public static partial void GuardrailIntervened(ILogger logger, string action, string stage, string requestId, string? rule);

    [LoggerMessage(GatewayEventIds.ReAsk, LogLevel.Information, "Re-asking the model for request {RequestId} (attempt {Attempt}): the answer failed {Rule}.", EventName = "ReAsk")]
    public static partial void ReAsk(ILogger logger, string requestId, int attempt, string? rule);

    [LoggerMessage(GatewayEventIds.WriteBackEnqueueFailed, LogLevel.Error, "Write-back enqueue failed for request {RequestId}; the turn is not remembered.", EventName = "WriteBackEnqueueFailed")]
    public static partial void WriteBackEnqueueFailed(ILogger logger, string requestId, Exception exception);

    [LoggerMessage(GatewayEventIds.MemoryUnavailable, LogLevel.Warning, "Memory retrieval failed for request {RequestId}; proxying without memory.", EventName = "MemoryUnavailable")]
    public static partial void MemoryUnavailable(ILogger logger, string requestId, Exception exception);
}
