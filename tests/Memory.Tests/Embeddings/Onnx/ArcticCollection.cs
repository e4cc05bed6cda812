namespace Memory.Tests.Embeddings.Onnx;

/// <summary>Test classes that share one loaded snowflake-arctic-embed-xs.</summary>
[CollectionDefinition(Name)]
public sealed class ArcticCollection : ICollectionFixture<ArcticFixture>
{
    public const string Name = "Arctic";
}
