using Gateway.Endpoints;
using Memory.Model;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.MemoryApi;

/// <summary>An erasure whose client leaves while it runs (a mobile app's timeout, a proxy's) still finishes: it used
/// to stop where the request was cancelled, with the tombstone down but the memories kept, or, cut between the wipe
/// and the consent's restoring, with an acknowledged consent withdrawal lost (the user remembered again).</summary>
public sealed class AbandonedErasureTests
{
    [Fact]
    public async Task An_erasure_whose_client_left_finishes_and_keeps_a_withdrawn_consent()
    {
        var gone = new ClientGone();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstream:BaseUrl"] = "echo:" }, builder =>
        {
            builder.Services.AddHttpContextAccessor();
            builder.Services.AddSingleton(gone);
            builder.Services.AddSingleton<IUserErasureParticipant, WaitsForTheClientToLeave>();
        });
        var api = new MemoryApiClient(gateway.Client);
        var user = MemoryGatewayFixture.NewUser("left");
        (await api.AddTextAsync(user, "Dana keeps bees in Porto")).Expect(HttpStatusCode.OK);
        (await api.SetConsentAsync(user, false)).Expect(HttpStatusCode.OK);

        // The client gives up while the erasure waits in its last participant.
        using var leave = new CancellationTokenSource();
        var erase = gateway.Client.DeleteAsync($"v1/users/{user}", leave.Token);
        await gone.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => erase);
        await gone.Left.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The erasure goes on without its client: wait for its end (memories gone, the withdrawn consent kept).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && ((await api.TextsAsync(user, includeSuperseded: true)).Count > 0 ||
                                             (bool)(await api.GetConsentAsync(user)).Expect(HttpStatusCode.OK)["memory"]!))
        {
            await Task.Delay(50);
        }

        Assert.Empty(await api.TextsAsync(user, includeSuperseded: true));
        Assert.False((bool)(await api.GetConsentAsync(user)).Expect(HttpStatusCode.OK)["memory"]!);
    }

    private sealed class ClientGone
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Left { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Holds the erasure until its request is aborted (the client closed the connection), then lets it go on.</summary>
    private sealed class WaitsForTheClientToLeave(IHttpContextAccessor accessor, ClientGone gone) : IUserErasureParticipant
    {
        public async Task EraseUserAsync(UserKey user, CancellationToken cancellationToken = default)
        {
            var aborted = accessor.HttpContext!.RequestAborted;
            var left = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (aborted.Register(() => left.TrySetResult()))
            {
                gone.Entered.TrySetResult();
                await left.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }

            gone.Left.TrySetResult();
        }
    }
}
