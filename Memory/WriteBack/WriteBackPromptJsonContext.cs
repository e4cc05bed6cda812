using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Memory.WriteBack.Extraction;

namespace Memory.WriteBack;

/// <summary>Source-generated JSON for the data the write-back prompts show the model.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<PromptMessage>))]
[JsonSerializable(typeof(List<PromptFact>))]
[JsonSerializable(typeof(List<PromptMemory>))]
internal sealed partial class WriteBackPromptJsonContext : JsonSerializerContext
{
    /// <summary>Readable non-ASCII (the model reads "São Paulo", not escapes); the text is a prompt, not HTML.</summary>
    public static JsonSerializerOptions Relaxed => RelaxedOptions.Value;

    // Lazy: the generated Default is initialised in another part of this partial class, in no guaranteed order.
    private static readonly Lazy<JsonSerializerOptions> RelaxedOptions = new(() => new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = Default,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)Relaxed.GetTypeInfo(typeof(T)));
}

/// <summary>A new fact as the consolidation prompt shows it.</summary>
internal sealed record PromptFact(int Index, string Text, string Category, string? Subject, string Action);

/// <summary>An existing memory as the consolidation and compression prompts show it, under a short ref ("m1").</summary>
internal sealed record PromptMemory(string Ref, string Text, string? Category, string? Subject, string OccurredAt, double Confidence);
