using Microsoft.Extensions.Options;

namespace Memory.Retrieval;

/// <summary>Stops start-up on retrieval settings that cannot work, naming each bad key.</summary>
internal sealed class RetrievalOptionsValidator : IValidateOptions<RetrievalOptions>
{
    public ValidateOptionsResult Validate(string? name, RetrievalOptions options)
    {
        var errors = new List<string>();
        void Require(bool ok, string key, string rule)
        {
            if (!ok)
            {
                errors.Add($"{RetrievalOptions.Section}:{key} {rule}.");
            }
        }

        Require(Enum.IsDefined(options.Fusion), nameof(options.Fusion), "must be Weighted or Rrf");
        Require(Enum.IsDefined(options.LexicalNormalization), nameof(options.LexicalNormalization), "must be Attainable or BestCandidate");
        Require(options.LexicalOverrideCoverage is >= 0 and <= 1, nameof(options.LexicalOverrideCoverage), "must be from 0 to 1");
        Require(options.DenseWinnerMargin is >= 0 and <= 2, nameof(options.DenseWinnerMargin), "must be from 0 to 2");
        Require(options.LexicalAgreementExponent is >= 0 and <= 16, nameof(options.LexicalAgreementExponent), "must be from 0 to 16");
        Require(options.LexicalWeight >= 0 && double.IsFinite(options.LexicalWeight), nameof(options.LexicalWeight), "must be 0 or more");
        Require(options.DenseWeight >= 0 && double.IsFinite(options.DenseWeight), nameof(options.DenseWeight), "must be 0 or more");
        Require(options.LexicalWeight + options.DenseWeight > 0, nameof(options.LexicalWeight), "and DenseWeight must not both be 0");
        Require(options.HubPenalty is >= 0 and <= 2, nameof(options.HubPenalty), "must be from 0 to 2");
        Require(options.AnswerTypeBonus is >= 0 and <= 1, nameof(options.AnswerTypeBonus), "must be from 0 (off) to 1");
        Require(options.HubNeighbours is >= 0 and <= 100, nameof(options.HubNeighbours), "must be from 0 (cosine to the centroid) to 100");
        Require(options.FeedbackDocuments is >= 0 and <= 20, nameof(options.FeedbackDocuments), "must be from 0 (off) to 20");
        Require(options.LexicalFeedbackWeight is >= 0 and <= 1, nameof(options.LexicalFeedbackWeight), "must be from 0 (off) to 1");
        Require(options.LexicalFeedbackTerms is >= 0 and <= 50, nameof(options.LexicalFeedbackTerms), "must be from 0 to 50");
        Require(options.LexicalFeedbackMinDocuments is >= 1 and <= 20, nameof(options.LexicalFeedbackMinDocuments), "must be from 1 to 20");
        Require(options.DenseFeedbackWeight is >= 0 and <= 2, nameof(options.DenseFeedbackWeight), "must be from 0 (off) to 2");
        Require(options.NeighbourFeedbackWeight is >= 0 and <= 1, nameof(options.NeighbourFeedbackWeight), "must be from 0 (off) to 1");
        Require(options.NeighbourFeedbackMaxGroup is >= 0 and <= 1000, nameof(options.NeighbourFeedbackMaxGroup), "must be from 0 (no bound) to 1000");
        Require(options.RrfK >= 1, nameof(options.RrfK), "must be at least 1");
        Require(options.CandidatesPerRanker is >= 10 and <= 1000, nameof(options.CandidatesPerRanker), "must be from 10 to 1000");
        Require(options.InProcessDenseMaxMemories >= 0, nameof(options.InProcessDenseMaxMemories), "must be 0 or more");
        Require(options.MaxQueryEmbeddingCharacters >= 0, nameof(options.MaxQueryEmbeddingCharacters), "must be 0 or more");
        Require(options.DeadlineMilliseconds is >= 0 and <= 60_000, nameof(options.DeadlineMilliseconds), "must be from 0 (no deadline) to 60000");
        Require(options.MaxLateEmbeddings is >= 1 and <= 256, nameof(options.MaxLateEmbeddings), "must be from 1 to 256");
        Require(options.Bm25K1 is >= 0 and <= 10, nameof(options.Bm25K1), "must be from 0 to 10");
        Require(options.Bm25B is >= 0 and <= 1, nameof(options.Bm25B), "must be from 0 to 1");
        Require(options.ConfidenceWeight is >= 0 and <= 1, nameof(options.ConfidenceWeight), "must be from 0 to 1");
        Require(options.FreshnessWeight is >= 0 and <= 1, nameof(options.FreshnessWeight), "must be from 0 to 1");
        Require(options.FreshnessHalfLifeDays > 0, nameof(options.FreshnessHalfLifeDays), "must be positive");
        Require(options.MmrLambda is >= 0 and <= 1, nameof(options.MmrLambda), "must be from 0 to 1");
        Require(options.DuplicateSimilarity is > 0 and <= 1, nameof(options.DuplicateSimilarity), "must be above 0 and at most 1");
        Require(options.ProfileConfidenceFloor is >= 0 and <= 1, nameof(options.ProfileConfidenceFloor), "must be from 0 to 1");
        Require(options.TokensPerMemoryOverhead is >= 0 and <= 200, nameof(options.TokensPerMemoryOverhead), "must be from 0 to 200");
        Require(options.MinPromptDenseSimilarity is >= -1 and <= 1, nameof(options.MinPromptDenseSimilarity), "must be from -1 to 1");
        Require(options.MaxPromptMemories is >= 1 and <= 100, nameof(options.MaxPromptMemories), "must be from 1 to 100");
        Require(options.SameContextBoost is >= 0 and <= 1, nameof(options.SameContextBoost), "must be from 0 to 1");
        Require(options.IndexCacheMegabytes >= 1, nameof(options.IndexCacheMegabytes), "must be at least 1");
        Require(options.IndexTimeToLive > TimeSpan.Zero, nameof(options.IndexTimeToLive), "must be positive");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
