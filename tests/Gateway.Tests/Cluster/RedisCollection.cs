namespace Gateway.Tests.Cluster;

/// <summary>Every test that needs Redis is in this collection: one server for the run, tests one after another.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis";
}
