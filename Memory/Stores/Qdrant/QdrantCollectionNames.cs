using System.Security.Cryptography;
using System.Text;

namespace Memory.Stores.Qdrant;

/// <summary>The collections of one deployment: <c>{prefix}_mem_{model}_{hash}_{dim}</c> per embedding model and
/// dimension, <c>{prefix}_mem_pending</c> for memories not embedded yet, and <c>{prefix}_meta</c> for history
/// and consent. The prefix has no '_', so a name is never claimed by two prefixes.</summary>
internal sealed class QdrantCollectionNames(string prefix)
{
    private const int MaxSlugLength = 48;

    public string MemoryPrefix { get; } = prefix + "_mem_";
    public string Pending { get; } = prefix + "_mem_pending";
    public string Meta { get; } = prefix + "_meta";

    public static bool IsValidPrefix(string? prefix) =>
        prefix is { Length: > 0 and <= 64 } && prefix.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>The collection of one model and dimension: a readable slug of the model id plus a hash of the
    /// exact id, so ids that slug alike ("a/b", "a_b") still get different collections.</summary>
    public string ForModel(string model, int dimensions) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ModelPrefix(model)}{dimensions}");

    /// <summary>The start shared by every dimension's collection of <paramref name="model"/>.</summary>
    public string ModelPrefix(string model) => $"{MemoryPrefix}{Slug(model)}_{Hash(model)}_";

    /// <summary>True for this deployment's memory collections (per model, and pending).</summary>
    public bool IsMemoryCollection(string name) => name.StartsWith(MemoryPrefix, StringComparison.Ordinal);

    /// <summary>True for every collection this deployment owns.</summary>
    public bool IsOwned(string name) => IsMemoryCollection(name) || name == Meta;

    private static string Slug(string model)
    {
        var slug = new StringBuilder(Math.Min(model.Length, MaxSlugLength));
        foreach (var c in model.ToLowerInvariant())
        {
            if (slug.Length == MaxSlugLength)
            {
                break;
            }

            var keep = char.IsAsciiLetterOrDigit(c) ? c : '_';
            if (keep != '_' || (slug.Length > 0 && slug[^1] != '_'))
            {
                slug.Append(keep);
            }
        }

        return slug.ToString().Trim('_') is { Length: > 0 } s ? s : "model";
    }

    private static string Hash(string model) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(model)))[..8];
}
