using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Gateway.Hosting.WarmUp;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Gateway.Upstream;

/// <summary>The gateway's own LLM calls (memory extraction, consolidation, compression) as a Microsoft.Extensions.AI
/// <see cref="IChatClient"/> over the OpenAI adapter. Each call goes to the first upstream serving
/// <see cref="ChatOptions.ModelId"/>, through that upstream's write-back HttpClient: the app traffic's retries, but a
/// circuit breaker of its own and the write-back's attempt timeout (<c>Memory:WriteBack:LlmTimeout</c>), so a slow
/// upstream fails a write-back call soon, and write-back failures never open the breaker app calls go through (nor
/// theirs this one). The echo upstream works too.</summary>
internal sealed class UpstreamChatClient(UpstreamRegistry registry, WarmUpGate warmUp, IHttpClientFactory httpClientFactory) : IChatClient
{
    private const string FallbackModel = "default";
    private readonly ConcurrentDictionary<(string Upstream, string Model), IChatClient> _clients = new();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        ClientFor(options?.ModelId).GetResponseAsync(messages, options, cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        ClientFor(options?.ModelId).GetStreamingResponseAsync(messages, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private IChatClient ClientFor(string? model)
    {
        model = string.IsNullOrWhiteSpace(model) ? FallbackModel : model;
        // The warm-up's turns are consolidated against its built-in upstream (which admits nothing once it is over).
        var upstream = model == WarmUpGate.Model && warmUp.Upstream is { } builtIn ? builtIn : registry.For(model)[0];
        return _clients.GetOrAdd((upstream.Name, model), key =>
        {
            var openAI = new OpenAIClient(new ApiKeyCredential(upstream.ApiKey ?? "no-key"), new OpenAIClientOptions
            {
                Endpoint = upstream.BaseUrl,
                Transport = new HttpClientPipelineTransport(httpClientFactory.CreateClient(upstream.WriteBackHttpClientName)),
                RetryPolicy = new ClientRetryPolicy(0), // the upstream's resilience pipeline retries
            });
            return openAI.GetChatClient(key.Model).AsIChatClient();
        });
    }
}
