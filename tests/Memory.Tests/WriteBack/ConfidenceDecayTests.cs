using Memory.Model;
using Memory.WriteBack;

namespace Memory.Tests.WriteBack;

public sealed class ConfidenceDecayTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static MemoryItem Memory(string slot = "like", DateTimeOffset? updated = null) => new()
    {
        Id = "m",
        Text = "The user likes jazz",
        Confidence = 0.8,
        OccurredAt = Start,
        UpdatedAt = updated ?? Start,
        Metadata = new Dictionary<string, string> { ["slot"] = slot },
    };

    [Fact]
    public void Confidence_halves_every_half_life() =>
        Assert.Equal(0.4, ConfidenceDecay.Effective(Memory(), Start.AddDays(180), halfLifeDays: 180), 6);

    [Fact]
    public void Fresh_memories_keep_their_confidence() =>
        Assert.Equal(0.8, ConfidenceDecay.Effective(Memory(), Start));

    [Fact]
    public void Reinforcement_resets_the_age()
    {
        var reinforced = Memory(updated: Start.AddDays(170));

        Assert.True(ConfidenceDecay.Effective(reinforced, Start.AddDays(180)) > ConfidenceDecay.Effective(Memory(), Start.AddDays(180)));
    }

    [Fact]
    public void Durable_slots_decay_slower() =>
        Assert.True(ConfidenceDecay.Effective(Memory("allergy"), Start.AddDays(365)) > ConfidenceDecay.Effective(Memory("like"), Start.AddDays(365)));

    [Fact]
    public void Zero_half_life_means_no_decay() =>
        Assert.Equal(0.8, ConfidenceDecay.Effective(Memory(), Start.AddYears(5), halfLifeDays: 0));

    [Fact]
    public void Old_unreinforced_memories_fall_below_the_injection_floor() =>
        Assert.True(ConfidenceDecay.Effective(Memory(), Start.AddYears(2)) < new Memory.Configuration.MemoryOptions().InjectionConfidenceFloor);

    [Fact]
    public void Reinforcing_raises_confidence_but_never_to_certainty()
    {
        var c = 0.6;
        for (var i = 0; i < 20; i++)
        {
            var next = ConfidenceDecay.Reinforce(c, 0.9);
            Assert.True(next >= c);
            c = next;
        }

        Assert.True(c is > 0.9 and <= 0.99);
    }
}
