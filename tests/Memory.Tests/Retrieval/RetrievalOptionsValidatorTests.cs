using Memory.Retrieval;

namespace Memory.Tests.Retrieval;

public class RetrievalOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.True(new RetrievalOptionsValidator().Validate(null, new RetrievalOptions()).Succeeded);

    [Fact]
    public void Bad_settings_are_named()
    {
        var result = new RetrievalOptionsValidator().Validate(null, new RetrievalOptions { LexicalWeight = 0, DenseWeight = 0, MmrLambda = 2 });
        Assert.True(result.Failed);
        Assert.Contains("Memory:Retrieval:MmrLambda", result.FailureMessage);
        Assert.Contains("Memory:Retrieval:LexicalWeight", result.FailureMessage);
    }

    [Fact]
    public void Dense_winner_protection_settings_are_checked()
    {
        var result = new RetrievalOptionsValidator().Validate(null, new RetrievalOptions { LexicalOverrideCoverage = 1.5, DenseWinnerMargin = double.NaN, LexicalAgreementExponent = -1 });
        Assert.True(result.Failed);
        Assert.Contains("Memory:Retrieval:LexicalOverrideCoverage", result.FailureMessage);
        Assert.Contains("Memory:Retrieval:DenseWinnerMargin", result.FailureMessage);
        Assert.Contains("Memory:Retrieval:LexicalAgreementExponent", result.FailureMessage);
        Assert.True(new RetrievalOptionsValidator().Validate(null, new RetrievalOptions { LexicalOverrideCoverage = 0, DenseWinnerMargin = 0.1 }).Succeeded);
    }

    [Fact]
    public void Hub_correction_settings_are_checked()
    {
        var result = new RetrievalOptionsValidator().Validate(null, new RetrievalOptions { HubPenalty = double.NaN, HubNeighbours = -1 });
        Assert.True(result.Failed);
        Assert.Contains("Memory:Retrieval:HubPenalty", result.FailureMessage);
        Assert.Contains("Memory:Retrieval:HubNeighbours", result.FailureMessage);
        Assert.True(new RetrievalOptionsValidator().Validate(null, new RetrievalOptions { HubPenalty = 0, HubNeighbours = 10 }).Succeeded);
    }

    [Fact]
    public void The_answer_type_bonus_is_checked()
    {
        var result = new RetrievalOptionsValidator().Validate(null, new RetrievalOptions { AnswerTypeBonus = 1.5 });
        Assert.True(result.Failed);
        Assert.Contains("Memory:Retrieval:AnswerTypeBonus", result.FailureMessage);
        Assert.True(new RetrievalOptionsValidator().Validate(null, new RetrievalOptions { AnswerTypeBonus = double.NaN }).Failed);
        Assert.True(new RetrievalOptionsValidator().Validate(null, new RetrievalOptions { AnswerTypeBonus = 0 }).Succeeded);
    }
}
