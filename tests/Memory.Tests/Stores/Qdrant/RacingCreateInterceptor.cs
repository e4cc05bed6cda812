using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Memory.Tests.Stores.Qdrant;

/// <summary>A client-side interceptor that runs <paramref name="beforeCreate"/> just before each collection
/// Create call goes out, so a test can let "another replica" win the race deterministically.</summary>
internal sealed class RacingCreateInterceptor(Func<Task> beforeCreate) : Interceptor
{
    public int Creates { get; private set; }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        if (context.Method.ServiceName != "qdrant.Collections" || context.Method.Name != "Create")
        {
            return continuation(request, context);
        }

        Creates++;
        var response = Task.Run(async () =>
        {
            await beforeCreate();
            return await continuation(request, context).ResponseAsync;
        });
        return new AsyncUnaryCall<TResponse>(response, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
    }
}
