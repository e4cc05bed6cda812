using Memory.WriteBack;

namespace Gateway.Hosting;

/// <summary>Counts every call in flight (<see cref="RequestActivity"/>) so the write-back worker can give way to
/// calls: it runs its steps in the moments between them. A streamed answer counts until its last byte.</summary>
internal sealed class RequestActivityMiddleware(RequestDelegate next, RequestActivity activity)
{
    public Task InvokeAsync(HttpContext context)
    {
        activity.Enter();
        Task call;
        try
        {
            call = next(context);
        }
        catch
        {
            activity.Exit();
            throw;
        }

        if (call.IsCompleted)
        {
            activity.Exit();
            return call;
        }

        return AwaitAsync(call);
    }

    private async Task AwaitAsync(Task call)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        finally
        {
            activity.Exit();
        }
    }
}
