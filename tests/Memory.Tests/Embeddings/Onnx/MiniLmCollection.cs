namespace Memory.Tests.Embeddings.Onnx;

/// <summary>Test classes that share one loaded MiniLM.</summary>
[CollectionDefinition(Name)]
public sealed class MiniLmCollection : ICollectionFixture<MiniLmFixture>
{
    public const string Name = "MiniLM";
}
