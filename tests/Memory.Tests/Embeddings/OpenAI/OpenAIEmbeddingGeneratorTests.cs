using Memory.Embeddings;
using Memory.Embeddings.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;

namespace Memory.Tests.Embeddings.OpenAI;

public sealed class OpenAIEmbeddingGeneratorTests : IAsyncLifetime
{
    private FakeEmbeddingsServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeEmbeddingsServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Embeds_through_an_openai_compatible_endpoint_with_the_configured_model_and_key()
    {
        using var generator = EmbeddingGenerators.CreateOpenAI(new OpenAIEmbeddingOptions
        {
            BaseUrl = _server.BaseUrl, ApiKey = "sk-test", Model = "nomic-embed-text",
        });

        var generated = await generator.GenerateAsync(["hello", "a longer text"]);

        Assert.Equal(2, generated.Count);
        Assert.Equal(5f, generated[0].Vector.Span[0]);
        Assert.Equal(13f, generated[1].Vector.Span[0]);
        Assert.All(generated, e => Assert.Equal("openai:nomic-embed-text", e.ModelId));
        Assert.Equal("openai:nomic-embed-text", EmbeddingGenerators.ModelIdOf(generator));
        var (authorization, body) = Assert.Single(_server.Requests);
        Assert.Equal("Bearer sk-test", authorization);
        Assert.Equal("nomic-embed-text", body["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dimensions_are_requested_and_part_of_the_model_id()
    {
        using var generator = EmbeddingGenerators.CreateOpenAI(new OpenAIEmbeddingOptions
        {
            BaseUrl = _server.BaseUrl, Model = "text-embedding-3-small", Dimensions = 8,
        });

        var generated = await generator.GenerateAsync(["x"]);

        Assert.Equal(8, generated[0].Vector.Length);
        Assert.Equal("openai:text-embedding-3-small:8", EmbeddingGenerators.ModelIdOf(generator));
        Assert.Equal(8, Assert.Single(_server.Requests).Body["dimensions"]!.GetValue<int>());
    }

    [Fact]
    public async Task Base_url_and_key_default_to_the_hosts()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        using var generator = EmbeddingGenerators.CreateOpenAI(OpenAIEmbeddingOptions.FromConfiguration(configuration, _server.BaseUrl, "upstream-key"));

        await generator.GenerateAsync(["x"]);

        var (authorization, body) = Assert.Single(_server.Requests);
        Assert.Equal("Bearer upstream-key", authorization);
        Assert.Equal("text-embedding-3-small", body["model"]!.GetValue<string>());
    }

    [Fact]
    public void Own_settings_win_over_the_hosts()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Memory:OpenAI:BaseUrl"] = "http://embeddings.invalid/v1",
            ["Memory:OpenAI:ApiKey"] = "own-key",
            ["Memory:OpenAI:Model"] = "bge-small",
        }).Build();

        var options = OpenAIEmbeddingOptions.FromConfiguration(configuration, "http://upstream.invalid/v1", "upstream-key");

        Assert.Equal(("http://embeddings.invalid/v1", "own-key", "bge-small"), (options.BaseUrl, options.ApiKey, options.Model));
    }

    [Theory]
    [InlineData("echo:")]
    [InlineData("")]
    [InlineData("not a url")]
    public void A_base_url_that_cannot_serve_embeddings_is_refused_at_creation(string baseUrl) =>
        Assert.Throws<InvalidOperationException>(() => EmbeddingGenerators.CreateOpenAI(new OpenAIEmbeddingOptions { BaseUrl = baseUrl }));
}
