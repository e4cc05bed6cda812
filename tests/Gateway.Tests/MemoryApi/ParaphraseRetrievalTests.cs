using System.Globalization;
using Memory.Text;
using Xunit.Abstractions;
using static Gateway.Tests.MemoryApi.MemoryJson;

namespace Gateway.Tests.MemoryApi;

/// <summary>With the default <c>minilm</c> embedder, search through HTTP finds a memory from a question that shares
/// no word with it.</summary>
public sealed class ParaphraseRetrievalTests(ParaphraseRetrievalTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<ParaphraseRetrievalTests.Fixture>
{
    /// <summary>One minilm gateway holding every pair's memory for one user.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private readonly MiniLmGatewayFixture _gateway = new();

        public const string User = "paraphrase-user";

        public MemoryApiClient Api => _gateway.Api;
        public TestGateway Gateway => _gateway.Gateway;

        public async Task InitializeAsync()
        {
            await _gateway.InitializeAsync();
            var results = (await Api.WriteAsync(User, ParaphrasePairs.All.Select(p => NewMemory(p.Memory)).ToArray())).ExpectList("results");
            Assert.All(results, r => Assert.Equal("ADD", (string?)r!["event"]));
        }

        public Task DisposeAsync() => _gateway.DisposeAsync();
    }

    [Fact]
    public void The_pairs_share_no_content_words()
    {
        var memoryTerms = ParaphrasePairs.All.SelectMany(p => TextAnalyzer.Terms(p.Memory)).ToHashSet(StringComparer.Ordinal);
        Assert.True(ParaphrasePairs.All.Length >= 8);
        foreach (var (_, question) in ParaphrasePairs.All)
        {
            var questionTerms = TextAnalyzer.Terms(question);
            Assert.NotEmpty(questionTerms);
            Assert.True(!questionTerms.Any(memoryTerms.Contains),
                $"'{question}' shares {string.Join(", ", questionTerms.Where(memoryTerms.Contains))} with a memory");
        }
    }

    [Fact]
    public async Task Each_question_ranks_its_memory_first()
    {
        MiniLmGatewayFixture.AssertMiniLmServes(fixture.Gateway);
        var misses = new List<string>();
        foreach (var (memory, question) in ParaphrasePairs.All)
        {
            var results = (await fixture.Api.SearchAsync(Fixture.User, question, limit: 3)).ExpectList("results");
            var line = string.Join(" | ", results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{(double)r!["score"]!:F3} {Text(r)}")));
            output.WriteLine($"{question} -> {line}");
            if (results.Count == 0 || Text(results[0]) != memory)
            {
                misses.Add($"'{question}' expected '{memory}', got: {line}");
            }
        }

        Assert.True(misses.Count == 0, $"{misses.Count}/{ParaphrasePairs.All.Length} missed:\n{string.Join("\n", misses)}");
    }
}
