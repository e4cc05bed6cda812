using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Gateway.Prompts;

/// <summary>Sticky A/B assignment: a user keeps the same variant of a template for as long as its weights stay,
/// because the choice is a stable hash of tenant, user and template name (SHA-256, so the split is uniform and
/// independent across templates), not a random draw.</summary>
internal static class VariantAssigner
{
    /// <summary>The variant this user is served; the only variant when the template declares none.</summary>
    public static PromptVariant Assign(CompiledPromptTemplate template, string tenant, string userId) =>
        template.HasVariants ? template.VariantAt(Point(tenant, userId, template.Name)) : template.Main;

    /// <summary>A point in [0, 1) fixed by the three names.</summary>
    public static double Point(string tenant, string userId, string templateName)
    {
        var key = Encoding.UTF8.GetBytes(string.Join('\0', tenant, userId, templateName.ToLowerInvariant()));
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(key, hash);
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }
}
