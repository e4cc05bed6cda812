namespace Memory.Configuration;

/// <summary>Settings section <c>Storage</c>: where embedded stores keep their files.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string Directory { get; set; } = "data";
}
