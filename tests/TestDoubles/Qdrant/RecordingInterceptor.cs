using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace TestDoubles.Qdrant;

/// <summary>Checks the <c>api-key</c> header as Qdrant does when an API key is configured, and records every
/// request the fake receives.</summary>
internal sealed class RecordingInterceptor(FakeQdrantState state) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (state.Options.ApiKey is { } expected &&
            !string.Equals(context.RequestHeaders.GetValue("api-key"), expected, StringComparison.Ordinal))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "Invalid api-key"));
        }

        if (request is IMessage message)
        {
            state.Record(context, message);
        }

        return continuation(request, context);
    }
}
