using Memory.Model;

namespace Memory.Tests.WriteBack;

/// <summary>Slot changes a fidelity audit (ninth session) found mishandled: a second diet replaced the first, eating
/// again what a diet excludes left the diet current, a "no longer" without the original's detail deleted nothing,
/// and memories written in the first person or observations reported in the third person never took part in
/// supersede.</summary>
public sealed class SlotChangeTests
{
    private static readonly DateTimeOffset Day1 = new(2025, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day2 = new(2025, 1, 2, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("I'm vegetarian.", "I'm gluten free.")]
    [InlineData("I'm vegan.", "I'm on a low-carb diet.")]
    [InlineData("I'm on a keto diet.", "I'm lactose intolerant.")]
    public async Task A_diet_of_another_kind_is_kept_beside_the_first(string first, string second)
    {
        await using var h = new WriteBackHarness();
        await h.SayAsync(Turns.Say("t1", first, at: Day1));

        await h.SayAsync(Turns.Say("t2", second, at: Day2));

        Assert.Equal(2, h.Store.CurrentTexts(Turns.User).Count);
    }

    [Theory]
    [InlineData("I'm vegan.", "I'm vegetarian now.", "The user is vegetarian")]
    [InlineData("I'm on a keto diet.", "I'm on a paleo diet now.", "paleo")]
    public async Task A_diet_of_the_same_kind_replaces_the_first(string first, string second, string kept)
    {
        await using var h = new WriteBackHarness();
        await h.SayAsync(Turns.Say("t1", first, at: Day1));

        await h.SayAsync(Turns.Say("t2", second, at: Day2));

        Assert.Contains(kept, Assert.Single(h.Store.CurrentTexts(Turns.User)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I'm vegetarian.", "I started eating fish again.")]
    [InlineData("I'm vegetarian.", "I eat meat again.")]
    [InlineData("I'm vegan.", "Actually I do eat cheese now.")]
    [InlineData("I'm pescatarian.", "I eat chicken again.")]
    public async Task Eating_again_what_the_diet_excludes_ends_the_diet(string diet, string change)
    {
        await using var h = new WriteBackHarness();
        await h.SayAsync(Turns.Say("t1", diet, at: Day1));
        var old = Assert.Single(h.Store.All(Turns.User));

        await h.SayAsync(Turns.Say("t2", change, at: Day2));

        Assert.DoesNotContain(h.Store.CurrentTexts(Turns.User), t => t == old.Text);
        Assert.Equal("contradicted", (await h.Store.GetHistoryAsync(Turns.User, old.Id))[^1].Reason);
    }

    [Fact]
    public async Task Eating_fish_does_not_end_a_pescatarian_diet()
    {
        await using var h = new WriteBackHarness();
        await h.SayAsync(Turns.Say("t1", "I'm pescatarian.", at: Day1));

        await h.SayAsync(Turns.Say("t2", "I eat fish a lot.", at: Day2));

        Assert.Contains("The user is pescatarian", h.Store.CurrentTexts(Turns.User));
    }

    [Theory]
    [InlineData("I no longer play tennis.")]
    [InlineData("I don't play tennis anymore.")]
    public async Task A_retraction_without_the_originals_detail_takes_it_back(string retraction)
    {
        await using var h = new WriteBackHarness();
        await h.SayAsync(Turns.Say("t1", "I play tennis every Sunday.", at: Day1));
        await h.SayAsync(Turns.Say("t1b", "I play the piano.", at: Day1));

        await h.SayAsync(Turns.Say("t2", retraction, at: Day2));

        Assert.DoesNotContain(h.Store.CurrentTexts(Turns.User), t => t.Contains("tennis", StringComparison.Ordinal));
        Assert.Contains(h.Store.CurrentTexts(Turns.User), t => t.Contains("piano", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("I live in Oslo.", "I moved to Bergen.", "Bergen")]
    public async Task A_memory_written_in_the_first_person_is_superseded_too(string direct, string said, string kept)
    {
        await using var h = new WriteBackHarness();
        await h.Store.UpsertAsync(Turns.User, [new MemoryItem { Id = "direct-1", Text = direct, OccurredAt = Day1, CreatedAt = Day1, UpdatedAt = Day1 }]);

        await h.SayAsync(Turns.Say("t2", said, at: Day2));

        Assert.Contains(kept, Assert.Single(h.Store.CurrentTexts(Turns.User)), StringComparison.Ordinal);
        Assert.NotNull((await h.Store.GetAsync(Turns.User, "direct-1"))!.ValidTo);
    }

    [Theory]
    [InlineData("I work as a nurse.", "The user works as a teacher.", "teacher")]
    [InlineData("I live in Oslo.", "The user moved to Bergen.", "Bergen")]
    public async Task An_observation_in_the_third_person_updates_the_slot(string said, string observed, string kept)
    {
        await using var h = new WriteBackHarness();
        await h.SayAsync(Turns.Say("t1", said, at: Day1));

        await h.SayAsync(Turns.Observe("o1", observed, at: Day2));

        Assert.Contains(kept, Assert.Single(h.Store.CurrentTexts(Turns.User)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_observation_kept_as_reported_is_superseded_by_the_users_own_change()
    {
        await using var h = new WriteBackHarness();
        await h.SayAsync(Turns.Observe("o1", "The user works as a nurse.", at: Day1));

        await h.SayAsync(Turns.Say("t2", "I work as a teacher now.", at: Day2));

        Assert.Contains("teacher", Assert.Single(h.Store.CurrentTexts(Turns.User)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I work at Google.", "I also work at a bar on weekends.")]
    [InlineData("I'm a teacher.", "I'm also a volunteer firefighter.")]
    [InlineData("I work as a nurse.", "I work as a barista too.")]
    public async Task A_value_said_to_come_in_addition_is_kept_beside_the_first(string first, string second)
    {
        await using var h = new WriteBackHarness();
        await h.SayAsync(Turns.Say("t1", first, at: Day1));

        await h.SayAsync(Turns.Say("t2", second, at: Day2));

        Assert.Equal(2, h.Store.CurrentTexts(Turns.User).Count);
    }

    /// <summary>The ninth session's review: a retraction takes back a memory that says more only when the more is when,
    /// how often or with whom.</summary>
    [Theory]
    [InlineData("I'm a student advisor at MIT.", "I'm not a student anymore.")]
    [InlineData("I have a dog walker named Joe.", "I don't have a dog anymore.")]
    [InlineData("I have a cat and a dog.", "I don't have a cat anymore.")]
    public async Task A_retraction_leaves_a_memory_that_only_begins_with_its_words(string memory, string retraction)
    {
        await using var h = new WriteBackHarness();
        await h.SayAsync(Turns.Say("t1", memory, at: Day1));
        var before = h.Store.CurrentTexts(Turns.User).Count;
        Assert.True(before > 0);

        await h.SayAsync(Turns.Say("t2", retraction, at: Day2));

        Assert.Equal(before, h.Store.CurrentTexts(Turns.User).Count);
    }

    [Fact]
    public async Task An_observation_of_volunteering_on_weekends_stands_beside_the_job()
    {
        await using var h = new WriteBackHarness();
        await h.SayAsync(Turns.Say("t1", "I work as a nurse.", at: Day1));

        await h.SayAsync(Turns.Observe("o1", "The user works as a volunteer at the food bank on weekends.", at: Day2));

        Assert.Contains(h.Store.CurrentTexts(Turns.User), t => t.Contains("nurse", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Meat_free_meals_do_not_end_a_vegetarian_diet()
    {
        await using var h = new WriteBackHarness();
        await h.SayAsync(Turns.Say("t1", "I'm vegetarian.", at: Day1));

        await h.SayAsync(Turns.Say("t2", "I eat meat-free meals on Mondays.", at: Day2));

        Assert.Contains("The user is vegetarian", h.Store.CurrentTexts(Turns.User));
    }

    [Fact]
    public async Task A_move_someone_else_made_too_still_replaces_the_home()
    {
        await using var h = new WriteBackHarness();
        await h.SayAsync(Turns.Say("t1", "I live in Oslo.", at: Day1));

        await h.SayAsync(Turns.Say("t2", "My sister moved to Berlin and I moved to Berlin too.", at: Day2));

        Assert.DoesNotContain(h.Store.CurrentTexts(Turns.User), t => t.Contains("Oslo", StringComparison.Ordinal));
    }

    /// <summary>Tenth session's audit over HTTP: each second turn left the first one current.</summary>
    [Theory]
    [InlineData("I'm allergic to eggs.", "I outgrew my egg allergy.", "eggs")]
    [InlineData("I weigh 80 kg.", "I weigh 76 kg now.", "80")]
    [InlineData("I have two cats.", "I have three cats now.", "two")]
    [InlineData("My locker code is 4417.", "My locker code changed to 5520.", "4417")]
    [InlineData("My standup is at 9:30 every weekday.", "Our standup moved to 10:15.", "9:30")]
    [InlineData("I take metformin.", "My doctor switched me from metformin to insulin.", "metformin")]
    [InlineData("I hate olives.", "I used to hate olives, now I love them.", "hate")]
    [InlineData("I drink alcohol.", "I gave up alcohol in January.", "drinks alcohol")]
    [InlineData("I take ibuprofen.", "I stopped taking ibuprofen.", "takes ibuprofen")]
    public async Task A_change_said_the_everyday_way_ends_the_old_value(string first, string second, string stale)
    {
        await using var h = new WriteBackHarness();
        await h.SayAsync(Turns.Say("t1", first, at: Day1));

        await h.SayAsync(Turns.Say("t2", second, at: Day2));

        Assert.DoesNotContain(h.Store.CurrentTexts(Turns.User), t => t.Contains(stale, StringComparison.Ordinal));
    }
}
