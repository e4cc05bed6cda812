using Memory.Stores;
using Memory.Stores.Qdrant;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TestDoubles.Qdrant;

namespace Memory.Tests.Stores.Qdrant;

/// <summary>The <c>AddQdrantMemoryStore</c> registration and the validation of <c>Memory:Qdrant</c>.</summary>
public sealed class QdrantRegistrationTests
{
    [Fact]
    public async Task AddQdrantMemoryStore_binds_Memory_Qdrant_and_serves_the_store()
    {
        await using var server = await FakeQdrantServer.StartAsync(new FakeQdrantOptions { ApiKey = "k" });
        await using var provider = Provider(new()
        {
            ["Memory:Qdrant:Url"] = server.Url.ToString(),
            ["Memory:Qdrant:ApiKey"] = "k",
            ["Memory:Qdrant:CollectionPrefix"] = "tenant-eu",
            ["Memory:Qdrant:ReplicationFactor"] = "2",
        });

        var store = provider.GetRequiredService<IMemoryStore>();
        await store.SetConsentAsync(new("t", "u"), true);

        Assert.IsType<QdrantMemoryStore>(store);
        Assert.True(await store.IsReadyAsync());
        Assert.Equal(["tenant-eu_meta"], server.CollectionNames());
        Assert.Equal(2u, server.Collection("tenant-eu_meta")!.ReplicationFactor);
    }

    [Fact]
    public async Task AddQdrantMemoryStore_keeps_a_store_registered_before_it()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IMemoryStore>(_ => throw new InvalidOperationException("the earlier registration was used"));
        services.AddQdrantMemoryStore(new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(IMemoryStore));
        Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IMemoryStore>());
    }

    [Theory]
    [InlineData("Url", "localhost:6334", "Url")]
    [InlineData("Url", "ftp://qdrant:6334", "Url")]
    [InlineData("CollectionPrefix", "my_gateway", "CollectionPrefix")]
    [InlineData("CollectionPrefix", "", "CollectionPrefix")]
    [InlineData("ShardNumber", "0", "ShardNumber")]
    [InlineData("ReplicationFactor", "0", "ReplicationFactor")]
    [InlineData("WriteConsistencyFactor", "3", "WriteConsistencyFactor")]
    [InlineData("Timeout", "00:00:00", "Timeout")]
    public async Task Bad_settings_are_rejected_with_the_setting_named(string key, string value, string named)
    {
        await using var provider = Provider(new() { [$"Memory:Qdrant:{key}"] = value, ["Memory:Qdrant:ReplicationFactor"] = key == "ReplicationFactor" ? value : "2" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<QdrantOptions>>().Value);

        Assert.Contains($"Memory:Qdrant:{named}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_valid()
    {
        var options = new QdrantOptions();

        Assert.True(new QdrantOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(("http://localhost:6334", "gateway"), (options.Url, options.CollectionPrefix));
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddQdrantMemoryStore(configuration).BuildServiceProvider();
    }
}
