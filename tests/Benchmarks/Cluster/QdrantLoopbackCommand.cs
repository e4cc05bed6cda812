using TestDoubles.Qdrant;

namespace Benchmarks.Cluster;

/// <summary><c>qdrant-loopback [--port 6334]</c>: the tests' loopback Qdrant (Qdrant's own gRPC protocol, in-memory
/// semantics) as a standalone server until Ctrl+C, so two gateway replicas can share one store on one machine without
/// installing Qdrant. Its data lives in memory only.</summary>
public static class QdrantLoopbackCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = 6334;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--port" && i + 1 < args.Length && int.TryParse(args[i + 1], out var p) && p is > 0 and < 65536)
            {
                port = p;
                i++;
            }
            else
            {
                Console.Error.WriteLine("usage: qdrant-loopback [--port 6334]");
                return 2;
            }
        }

        // Without strict mode: a real Qdrant accepts unindexed filters too (the tests keep strict mode on).
        await using var server = await FakeQdrantServer.StartAsync(new FakeQdrantOptions { Port = port, RequireIndexedFilterFields = false });
        Console.WriteLine($"Loopback Qdrant (gRPC) listening on {server.Url}; point Memory__Qdrant__Url at it. Ctrl+C stops it.");
        var stopped = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopped.TrySetResult();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stopped.TrySetResult();
        await stopped.Task;
        return 0;
    }
}
