using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Diagnostics;

/// <summary>The event ids of an assembly's source-generated log methods, read by reflection from their
/// <c>[LoggerMessage]</c> attributes, and the rules they must keep.</summary>
internal static class LogEventIds
{
    internal sealed record LogEvent(int Id, string Method);

    public static IReadOnlyList<LogEvent> Of(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(method => (method, attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(pair => pair.attribute is not null)
            .Select(pair => new LogEvent(pair.attribute!.EventId, $"{pair.method.DeclaringType!.FullName}.{pair.method.Name}"))
            .OrderBy(e => e.Id)
            .ToList();

    /// <summary>One line per broken rule: an id used by more than one method, or an id outside [low, high].</summary>
    public static IReadOnlyList<string> Problems(IEnumerable<LogEvent> events, int low, int high)
    {
        var problems = new List<string>();
        foreach (var group in events.GroupBy(e => e.Id).OrderBy(g => g.Key))
        {
            if (group.Key < low || group.Key > high)
                problems.AddRange(group.Select(e => $"{e.Id} of {e.Method} is outside {low}-{high}"));
            if (group.Count() > 1)
                problems.Add($"{group.Key} is used by {string.Join(", ", group.Select(e => e.Method))}");
        }
        return problems;
    }

    /// <summary>The values of the <c>public const int</c> fields of an EventIds class.</summary>
    public static IReadOnlyList<int> Constants(Type eventIds) =>
        eventIds.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(int))
            .Select(f => (int)f.GetRawConstantValue()!)
            .Order()
            .ToList();
}
