using System.Text.Json.Serialization;

namespace Guardrails.Tests.Quality;

/// <summary>One line of a labelled data file: the text and the substrings a check must find (none for a
/// negative), or for injection whether the text is an attack.</summary>
public sealed record LabelledCase(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("expected")] IReadOnlyList<string>? Expected,
    [property: JsonPropertyName("injection")] bool? Injection);
