using static Gateway.Tests.Diagnostics.LogEventIds;

namespace Gateway.Tests.Diagnostics;

public sealed class LogEventIdTests
{
    public static TheoryData<string, int, int> Projects => new()
    {
        { "Gateway", 1000, 1999 },
        { "Memory", 2000, 2999 },
        { "Guardrails", 3000, 3999 },
    };

    private static Type EventIdsOf(string project) => project switch
    {
        "Gateway" => typeof(global::Gateway.Diagnostics.GatewayEventIds),
        "Memory" => typeof(global::Memory.Diagnostics.MemoryEventIds),
        "Guardrails" => typeof(global::Guardrails.Diagnostics.GuardrailsEventIds),
        _ => throw new ArgumentOutOfRangeException(nameof(project)),
    };

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_log_event_id_is_unique_and_inside_its_projects_range(string project, int low, int high)
    {
        var events = Of(EventIdsOf(project).Assembly);

        Assert.NotEmpty(events);
        Assert.Empty(Problems(events, low, high));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_log_event_id_is_declared_once_in_its_projects_EventIds_class(string project, int low, int high)
    {
        var eventIds = EventIdsOf(project);
        var declared = Constants(eventIds);

        Assert.Equal(declared.Distinct(), declared);
        Assert.All(declared, id => Assert.InRange(id, low, high));
        Assert.Equal(declared, Of(eventIds.Assembly).Select(e => e.Id));
    }

    [Fact]
    public void Problems_names_a_duplicate_id_and_an_id_outside_the_range()
    {
        LogEvent[] events = [new(2050, "Store.Opened"), new(2050, "Embedders.Fallback"), new(1999, "Gateway.Leaked"), new(2051, "Store.Busy")];

        var problems = Problems(events, 2000, 2999);

        Assert.Equal(
            ["1999 of Gateway.Leaked is outside 2000-2999", "2050 is used by Store.Opened, Embedders.Fallback"],
            problems);
    }
}
