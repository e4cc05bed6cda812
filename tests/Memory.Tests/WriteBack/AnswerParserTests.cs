using Memory.Model;
using Memory.WriteBack.Consolidation;
using Memory.WriteBack.Extraction;

namespace Memory.Tests.WriteBack;

public sealed class AnswerParserTests
{
    private static readonly HashSet<string> Ids = ["m1", "m2"];

    [Theory]
    [InlineData("""{"facts": []}""")]
    [InlineData("```json\n{\"facts\": [{\"text\": \"Lives in Porto\", \"category\": \"location\", \"subject\": \"porto\", \"action\": \"assert\", \"confidence\": 0.9, \"sources\": [\"m1\"], \"context\": null}]}\n```")]
    public void Valid_extraction_answers_parse(string answer)
    {
        Assert.NotNull(ExtractionAnswerParser.Parse(answer, Ids, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("I think the user lives in Porto", "not valid JSON")]
    [InlineData("""[]""", "root is not an object")]
    [InlineData("""{"facts": {}}""", "$.facts is not an array")]
    [InlineData("""{"facts": [], "extra": 1}""", "$ has an unexpected property")]
    [InlineData("""{"facts": [{"text": "", "category": "location", "subject": null, "action": "assert", "confidence": 0.9, "sources": ["m1"], "context": null}]}""", "$.facts[0].text length out of range")]
    [InlineData("""{"facts": [{"text": "x", "category": "horoscope", "subject": null, "action": "assert", "confidence": 0.9, "sources": ["m1"], "context": null}]}""", "$.facts[0].category is not an allowed value")]
    [InlineData("""{"facts": [{"text": "x", "category": "like", "subject": null, "action": "maybe", "confidence": 0.9, "sources": ["m1"], "context": null}]}""", "$.facts[0].action is not an allowed value")]
    [InlineData("""{"facts": [{"text": "x", "category": "like", "subject": null, "action": "assert", "confidence": 1.5, "sources": ["m1"], "context": null}]}""", "$.facts[0].confidence out of range")]
    [InlineData("""{"facts": [{"text": "x", "category": "like", "subject": null, "action": "assert", "confidence": "high", "sources": ["m1"], "context": null}]}""", "$.facts[0].confidence is not a number")]
    [InlineData("""{"facts": [{"text": "x", "category": "like", "subject": null, "action": "assert", "confidence": 0.9, "sources": [], "context": null}]}""", "$.facts[0].sources has fewer than 1 items")]
    [InlineData("""{"facts": [{"text": "x", "category": "like", "subject": null, "action": "assert", "confidence": 0.9, "sources": ["assistant"], "context": null}]}""", "$.facts[0].sources cites an id that is not a user message")]
    [InlineData("""{"facts": [{"category": "like", "subject": null, "action": "assert", "confidence": 0.9, "sources": ["m1"], "context": null}]}""", "$.facts[0].text missing")]
    [InlineData("""{"facts": [{"text": "x", "category": "like", "subject": null, "action": "assert", "confidence": 0.9, "sources": ["m1"], "context": null, "id": 3}]}""", "$.facts[0] has an unexpected property")]
    public void Extraction_answers_breaking_the_schema_are_rejected_with_a_path(string answer, string expected)
    {
        Assert.Null(ExtractionAnswerParser.Parse(answer, Ids, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("Lives in Porto", "The user lives in Porto")]
    [InlineData("User's name is Ana", "The user's name is Ana")]
    [InlineData("the user likes jazz", "The user likes jazz")]
    [InlineData("The user speaks French", "The user speaks French")]
    [InlineData("Has two kids", "The user has two kids")]
    [InlineData("Is allergic to peanuts", "The user is allergic to peanuts")]
    [InlineData("was born in Leeds", "The user was born in Leeds")]
    [InlineData("Loves hiking in the Alps", "The user loves hiking in the Alps")]
    [InlineData("James is the user's brother", "James is the user's brother")]
    [InlineData("Charles works with the user at Acme", "Charles works with the user at Acme")]
    public void Llm_fact_text_follows_the_third_person_convention(string text, string expected) =>
        Assert.Equal(expected, ExtractionAnswerParser.ThirdPerson(text));

    [Fact]
    public void Style_category_takes_its_aspect_from_the_subject()
    {
        var fact = Assert.Single(ExtractionAnswerParser.Parse(
            """{"facts": [{"text": "The user wants replies in Spanish", "category": "style", "subject": "language", "action": "assert", "confidence": 0.9, "sources": ["m2"], "context": null}]}""",
            Ids, out _)!);

        Assert.Equal("style.language", fact.Slot);
        Assert.Null(fact.Subject);
    }

    [Theory]
    [InlineData("""{"decisions": [{"fact": 0, "event": "ADD", "targets": [], "text": null}]}""", null)]
    [InlineData("""{"decisions": []}""", "no decision for fact 0")]
    [InlineData("""{"decisions": [{"fact": 3, "event": "ADD", "targets": [], "text": null}]}""", "$.decisions[0].fact is not a valid fact index")]
    [InlineData("""{"decisions": [{"fact": 0, "event": "ADD", "targets": [], "text": null}, {"fact": 0, "event": "NOOP", "targets": [], "text": null}]}""", "$.decisions[1].fact repeats a fact")]
    [InlineData("""{"decisions": [{"fact": 0, "event": "UPDATE", "targets": ["m9"], "text": null}]}""", "$.decisions[0].targets names an unknown memory")]
    [InlineData("""{"decisions": [{"fact": 0, "event": "UPDATE", "targets": [], "text": null}]}""", "$.decisions[0].event does not fit the fact or its targets")]
    [InlineData("""{"decisions": [{"fact": 0, "event": "MERGE", "targets": [], "text": null}]}""", "$.decisions[0].event does not fit the fact or its targets")]
    public void Consolidation_answers_are_validated(string answer, string? expected)
    {
        var facts = new[] { new ExtractedFact { Text = "The user lives in Porto", Slot = "location", Subject = "porto", Confidence = 0.9 } };
        var refs = new Dictionary<string, MemoryItem> { ["m1"] = new() { Id = "x", Text = "The user lives in Lisbon" } };

        var decisions = ConsolidationAnswerParser.Parse(answer, facts, refs, out var error);

        Assert.Equal(expected, error);
        Assert.Equal(expected is null, decisions is not null);
    }

    [Fact]
    public void Delete_of_an_asserted_fact_is_read_as_supersede()
    {
        var facts = new[] { new ExtractedFact { Text = "The user lives in Porto", Slot = "location", Subject = "porto", Confidence = 0.9 } };
        var refs = new Dictionary<string, MemoryItem> { ["m1"] = new() { Id = "x", Text = "The user lives in Lisbon" } };

        var decision = Assert.Single(ConsolidationAnswerParser.Parse("""{"decisions": [{"fact": 0, "event": "DELETE", "targets": ["m1"], "text": null}]}""", facts, refs, out _)!);

        Assert.Equal(MemoryEvent.Supersede, decision.Event);
    }
}
