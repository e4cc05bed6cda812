using Memory.Retrieval;
using Microsoft.Extensions.Time.Testing;

namespace Memory.Tests.Retrieval;

/// <summary>The retrieval deadline on a fake clock: an embedding done in time is used, a late one is given up on and
/// counted (and keeps running), a full backlog refuses new embeddings, and misses age out of the recent window.</summary>
public sealed class DeadlineTests
{
    private readonly FakeTimeProvider _time = new();

    private RetrievalDeadline Deadline(int milliseconds = 40, int maxLate = 4, bool adaptive = true) =>
        new(Microsoft.Extensions.Options.Options.Create(new RetrievalOptions { DeadlineMilliseconds = milliseconds, MaxLateEmbeddings = maxLate, AdaptiveAdmission = adaptive }), _time);

    /// <summary>Admits one embedding and follows it; the returned source finishes it.</summary>
    private TaskCompletionSource Admit(RetrievalDeadline deadline)
    {
        Assert.True(deadline.TryAdmit());
        var embedding = new TaskCompletionSource();
        deadline.Admitted(embedding.Task, _time.GetTimestamp());
        return embedding;
    }

    [Fact]
    public void Past_the_admission_limit_a_query_is_not_embedded_until_one_in_flight_finishes()
    {
        var deadline = Deadline(maxLate: 1000);
        var reasons = new List<string>();
        deadline.Missed += reasons.Add;
        var limit = deadline.AdmissionLimit;
        var running = Enumerable.Range(0, limit).Select(_ => Admit(deadline)).ToList();
        Assert.Equal(limit, deadline.InFlight);

        Assert.False(deadline.TryAdmit());
        Assert.Equal(["backlog"], reasons);
        Assert.Equal(limit, deadline.InFlight);

        _time.Advance(TimeSpan.FromMilliseconds(10));
        running[0].SetResult(); // on time: its slot is free again, and the limit grows a little
        Assert.Equal(limit - 1, deadline.InFlight);
        Assert.True(deadline.TryAdmit());
    }

    [Fact]
    public void Late_embeddings_cut_the_limit_once_per_deadline_and_on_time_ones_raise_it_again()
    {
        var deadline = Deadline(maxLate: 1000);
        var start = deadline.AdmissionLimit;
        var late = Enumerable.Range(0, 3).Select(_ => Admit(deadline)).ToList();
        _time.Advance(TimeSpan.FromMilliseconds(60));

        foreach (var embedding in late)
        {
            embedding.SetResult(); // three late in the same moment: one cut
        }

        var cut = deadline.AdmissionLimit;
        Assert.Equal((int)(start * 0.75), cut);

        var again = Admit(deadline);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        again.SetResult(); // late again, more than a deadline after the first cut: cut again
        Assert.Equal((int)(cut * 0.75), deadline.AdmissionLimit);
        cut = deadline.AdmissionLimit;

        for (var i = 0; i < 4 * start; i++)
        {
            Admit(deadline).SetResult(); // on time
        }

        Assert.True(deadline.AdmissionLimit > cut, $"{deadline.AdmissionLimit} <= {cut}");
        Assert.Equal(0, deadline.InFlight);
    }

    [Fact]
    public void Without_adaptive_admission_only_the_late_bound_refuses()
    {
        var deadline = Deadline(maxLate: 1000, adaptive: false);
        for (var i = 0; i < 300; i++)
        {
            Assert.True(deadline.TryAdmit());
            deadline.Admitted(new TaskCompletionSource().Task, _time.GetTimestamp());
        }

        Assert.Equal(0, deadline.Misses);
    }

    [Fact]
    public async Task An_embedding_done_before_the_deadline_is_used()
    {
        var deadline = Deadline();
        var embedding = new TaskCompletionSource<ReadOnlyMemory<float>?>();
        var waiting = deadline.WaitAsync(embedding.Task, _time.GetTimestamp(), CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(39));
        embedding.SetResult(new float[] { 1, 2 });

        Assert.Equal(2, (await waiting)!.Value.Length);
        Assert.Equal(0, deadline.Misses);
    }

    [Fact]
    public async Task A_late_embedding_is_given_up_on_counted_and_left_running()
    {
        var deadline = Deadline();
        var reasons = new List<string>();
        deadline.Missed += reasons.Add;
        var embedding = new TaskCompletionSource<ReadOnlyMemory<float>?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = deadline.WaitAsync(embedding.Task, _time.GetTimestamp(), CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(40));

        Assert.Null(await waiting);
        Assert.Equal(1, deadline.Misses);
        Assert.Equal(["deadline"], reasons);
        Assert.Equal(1, deadline.LateInFlight);
        embedding.SetResult(new float[] { 1 });
        await embedding.Task;
        SpinWait.SpinUntil(() => deadline.LateInFlight == 0, TimeSpan.FromSeconds(10));
        Assert.Equal(0, deadline.LateInFlight);
    }

    [Fact]
    public async Task The_deadline_counts_from_when_the_embedding_started()
    {
        var deadline = Deadline();
        var started = _time.GetTimestamp();
        _time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Null(await deadline.WaitAsync(new TaskCompletionSource<ReadOnlyMemory<float>?>().Task, started, CancellationToken.None));
        Assert.Equal(1, deadline.Misses);
    }

    [Fact]
    public void A_full_backlog_of_late_embeddings_admits_no_more()
    {
        var deadline = Deadline(maxLate: 2);
        deadline.TrackLate(new TaskCompletionSource().Task);
        Assert.True(deadline.TryAdmit());
        deadline.TrackLate(new TaskCompletionSource().Task);

        Assert.False(deadline.TryAdmit());
        Assert.Equal(1, deadline.Misses);
    }

    [Fact]
    public async Task Without_a_deadline_the_embedding_is_awaited_and_nothing_is_refused()
    {
        var deadline = Deadline(milliseconds: 0, maxLate: 1);
        var embedding = new TaskCompletionSource<ReadOnlyMemory<float>?>();
        var waiting = deadline.WaitAsync(embedding.Task, _time.GetTimestamp(), CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));
        Assert.False(waiting.IsCompleted);
        embedding.SetResult(null);
        await waiting;
        deadline.TrackLate(new TaskCompletionSource().Task);
        Assert.True(deadline.TryAdmit());
        Assert.Equal(0, deadline.Misses);
    }

    [Fact]
    public async Task Misses_age_out_of_the_recent_window()
    {
        var deadline = Deadline();
        Assert.Null(await deadline.WaitAsync(new TaskCompletionSource<ReadOnlyMemory<float>?>().Task, _time.GetTimestamp() - _time.TimestampFrequency, CancellationToken.None));
        Assert.Equal(1, deadline.MissesWithin(TimeSpan.FromMinutes(5)));

        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(0, deadline.MissesWithin(TimeSpan.FromMinutes(5)));
        Assert.Equal(1, deadline.Misses);
    }
}
