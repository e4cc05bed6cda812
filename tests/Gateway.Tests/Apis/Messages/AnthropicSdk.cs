using Anthropic;

namespace Gateway.Tests.Apis.Messages;

/// <summary>The official Anthropic .NET SDK pointed at the gateway (only the base URL changes), its own retries off.</summary>
public static class AnthropicSdk
{
    public static AnthropicClient Client(TestGateway gateway, string apiKey = "unused") =>
        new() { BaseUrl = gateway.BaseUrl, ApiKey = apiKey, MaxRetries = 0 };
}
