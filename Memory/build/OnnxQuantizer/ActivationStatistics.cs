using System.Text.Json;

namespace OnnxQuantizer;

/// <summary>Per-channel max |activation| of MatMul inputs by tensor name: a JSON object of float arrays.</summary>
internal static class ActivationStatistics
{
    public static Dictionary<string, float[]> Load(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<Dictionary<string, float[]>>(stream)
            ?? throw new InvalidDataException($"{path} holds no activation statistics.");
    }
}
