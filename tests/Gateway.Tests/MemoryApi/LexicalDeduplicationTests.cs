using static Gateway.Tests.MemoryApi.MemoryJson;

namespace Gateway.Tests.MemoryApi;

/// <summary>De-duplication through the gateway with the lexical <c>hash</c> embedder, whose cosine never finds a
/// paraphrase in other words: a restatement with the same normalised text still adds nothing, and a statement said of
/// the past or a slot's subject spelled another way still reaches the rule (thirteenth session: each was an ADD).</summary>
public sealed class LexicalDeduplicationTests(MemoryGatewayFixture fixture) : IClassFixture<MemoryGatewayFixture>
{
    private MemoryApiClient Api => fixture.Api;

    [Theory]
    [InlineData("I have two kids.", "I have 2 kids.", "NOOP")]
    [InlineData("My favourite colour is purple.", "My favorite color is purple.", "NOOP")]
    [InlineData("I can't eat gluten.", "I cannot eat gluten.", "NOOP")]
    [InlineData("My birthday is 3 May.", "My birthday is May 3rd.", "NOOP")]
    [InlineData("I live in Paris.", "I used to live in Paris.", "UPDATE")]
    [InlineData("My favorite movie is Alien.", "My favourite movie is Heat.", "UPDATE")]
    [InlineData("We have one child.", "We have two children.", "UPDATE")]
    [InlineData("I'm allergic to peanuts.", "I'm allergic to shellfish.", "ADD")]
    public async Task A_pair_written_one_after_the_other_is_read_the_same_whatever_the_embedder(string first, string second, string expected)
    {
        var user = MemoryGatewayFixture.NewUser("lexical");
        await Api.WriteAsync(user, NewMemory(first));

        var written = Assert.Single((await Api.WriteAsync(user, NewMemory(second))).ExpectList("results"))!;

        Assert.Equal(expected, (string?)written["event"]);
        string[] current = expected switch { "ADD" => [first, second], "UPDATE" => [second], _ => [first] };
        Assert.Equal(current.Order(StringComparer.Ordinal), (await Api.TextsAsync(user)).Order(StringComparer.Ordinal));
    }
}
