using System.Text.Json.Serialization;
using Gateway.Auth;
using Gateway.OpenAI;
using Memory;
using Memory.Model;
using Memory.Probe;

namespace Gateway.Endpoints;

/// <summary>Operator endpoints (scope <c>admin</c>): <c>POST /v1/admin/memory/probe</c> runs the built-in memory
/// self-test on the live configuration and answers its figures.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/admin/memory/probe", ProbeAsync).RequireScope(Scope.Admin);
        return app;
    }

    private static async Task<IResult> ProbeAsync(HttpContext http, MemoryProbe probe, IMemoryService memory,
        IEnumerable<IUserErasureParticipant> participants)
    {
        var report = await probe.TryRunAsync(ScratchUserEraser(memory, participants), http.RequestAborted).ConfigureAwait(false);
        return report is null
            ? OpenAIError.Conflict("A memory probe is already running; try again when it has finished.", "probe_running")
            : Results.Json(report, AdminJsonContext.Default.MemoryProbeReport);
    }

    /// <summary>Erases a probe's scratch user the way <c>DELETE /v1/users/{id}</c> does: pending write-back and audit
    /// keys first, then the memory.</summary>
    internal static Func<UserKey, CancellationToken, Task> ScratchUserEraser(IMemoryService memory,
        IEnumerable<IUserErasureParticipant> participants) => async (user, cancellationToken) =>
    {
        foreach (var participant in participants)
        {
            await participant.EraseUserAsync(user, cancellationToken).ConfigureAwait(false);
        }

        await memory.EraseUserAsync(user, cancellationToken).ConfigureAwait(false);
    };
}

/// <summary>Source-generated JSON of the admin endpoints (camelCase).</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MemoryProbeReport))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
