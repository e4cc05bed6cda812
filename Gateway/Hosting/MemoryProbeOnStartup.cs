using Gateway.Endpoints;
using Memory;
using Memory.Configuration;
using Memory.Probe;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>With <c>Memory:ProbeOnStartup=true</c>, runs the memory self-test once the gateway serves; its figures go
/// to the log (one line). Never delays startup and never stops the gateway when it fails.</summary>
internal sealed class MemoryProbeOnStartup(
    IOptions<MemoryOptions> options,
    IHostApplicationLifetime lifetime,
    MemoryProbe probe,
    IMemoryService memory,
    IEnumerable<IUserErasureParticipant> participants) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ProbeOnStartup)
        {
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task.ConfigureAwait(false);
        }

        try
        {
            await probe.TryRunAsync(AdminEndpoints.ScratchUserEraser(memory, participants), stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Already logged by the probe (MemoryProbeFailed); the gateway serves on.
        }
    }
}
