using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Chat;

namespace Gateway.Tests.Infrastructure;

/// <summary>The official OpenAI .NET SDK pointed at the gateway, with the SDK's own retries off so the gateway's
/// behaviour is what the test sees.</summary>
public static class SdkClients
{
    public static ChatClient Chat(TestGateway gateway, string model = "fake-model", string apiKey = "unused") =>
        Client(gateway, apiKey).GetChatClient(model);

    public static OpenAIClient Client(TestGateway gateway, string apiKey = "unused") =>
        new(new ApiKeyCredential(apiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(gateway.BaseUrl + "/v1"),
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = TimeSpan.FromSeconds(60),
        });
}
