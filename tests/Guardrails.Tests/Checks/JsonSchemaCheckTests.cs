using System.Text.Json.Nodes;
using Guardrails.Abstractions;
using Guardrails.Checks;
using Guardrails.Tests.Support;

namespace Guardrails.Tests.Checks;

/// <summary>App-supplied schemas cannot hang or crash a request: hostile patterns are decided under a timeout,
/// answers deeper than the validator handles fail the schema, invalid patterns are refused up front.</summary>
public sealed class JsonSchemaCheckTests
{
    private static async Task<List<Detection>> CheckAsync(string schemaJson, string answer)
    {
        var (schema, error) = await new JsonSchemaCache().GetAsync(schemaJson);
        Assert.Null(error);
        var context = TestPolicies.Context(GuardrailStage.Output) with { ResponseSchema = schema };
        return new JsonSchemaCheck().Detect(answer, context).ToList();
    }

    [Fact]
    public async Task A_catastrophic_value_pattern_fails_the_schema_instead_of_hanging()
    {
        var answer = $$"""{"name": "{{new string('a', 40)}}!"}""";

        var detections = await CheckAsync("""{"type":"object","properties":{"name":{"type":"string","pattern":"^(a+)+$"}}}""", answer);

        var detection = Assert.Single(detections);
        Assert.Equal("schema.invalid", detection.Rule);
        Assert.Contains("did not finish", detection.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_catastrophic_property_name_pattern_fails_the_schema_instead_of_hanging()
    {
        var answer = $$"""{"{{new string('a', 40)}}!": 1}""";

        var detections = await CheckAsync("""{"type":"object","patternProperties":{"^(a|aa)+$":{"type":"integer"}}}""", answer);

        Assert.Contains("did not finish", Assert.Single(detections).Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc", false)]
    [InlineData("ABC", true)]
    public async Task Ordinary_patterns_still_validate(string value, bool invalid)
    {
        var detections = await CheckAsync("""{"type":"object","properties":{"code":{"type":"string","pattern":"^[a-z]+$"}}}""", $$"""{"code":"{{value}}"}""");

        Assert.Equal(invalid, detections.Count == 1);
        if (invalid)
        {
            Assert.Contains("PatternMismatch", detections[0].Evidence, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(65)]
    [InlineData(100)]
    [InlineData(5000)]
    public async Task An_answer_nested_deeper_than_the_validator_handles_fails_the_schema(int depth)
    {
        var answer = string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

        var detections = await CheckAsync("""{"type":"object","properties":{"a":{"$ref":"#"}}}""", answer);

        var detection = Assert.Single(detections);
        Assert.Equal("schema.invalid", detection.Rule);
    }

    [Fact]
    public async Task An_answer_at_the_deepest_level_validated_is_checked_normally()
    {
        var answer = string.Concat(Enumerable.Repeat("{\"a\":", 60)) + "1" + new string('}', 60);

        Assert.Empty(await CheckAsync("""{"type":"object","properties":{"a":{"anyOf":[{"$ref":"#"},{"type":"integer"}]}}}""", answer));
    }

    [Theory]
    [InlineData("""{"type":"string","pattern":"(unclosed"}""", "(unclosed")]
    [InlineData("""{"type":"object","patternProperties":{"[z-a]":{}}}""", "[z-a]")]
    [InlineData("""{"type":"object","properties":{"x":{"type":"array","items":{"type":"string","pattern":"a{2,1}"}}}}""", "a{2,1}")]
    public void An_invalid_pattern_is_a_problem_naming_the_pattern(string schema, string pattern)
    {
        var problem = ResponseSchemaRules.Problem(JsonNode.Parse(schema));

        Assert.NotNull(problem);
        Assert.Contains(pattern, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"string","pattern":"^[A-Z]{2}\\d{4}$"}""")]
    [InlineData("""{"type":"object","properties":{"pattern":{"type":"string"},"enum":{"enum":["(","["]}},"default":{"pattern":"("}}""")]
    public void Valid_patterns_and_pattern_shaped_data_are_not_problems(string schema)
    {
        Assert.Null(ResponseSchemaRules.Problem(JsonNode.Parse(schema)));
    }

    [Fact]
    public async Task The_cache_refuses_a_schema_with_an_invalid_pattern()
    {
        var (schema, error) = await new JsonSchemaCache().GetAsync("""{"type":"string","pattern":"(("}""");

        Assert.Null(schema);
        Assert.Contains("not a valid regular expression", error, StringComparison.Ordinal);
    }
}
