using Memory.Embeddings.Onnx;

namespace Memory.Retrieval;

/// <summary>Fusion defaults that follow the embedder. The defaults of <see cref="RetrievalOptions"/> were chosen with
/// the published all-MiniLM-L6-v2, whose dense side reads paraphrase poorly: lexical evidence at 0.6, a hub correction
/// and an answer-type prior won it first places. MiniLM tuned for memory search (<c>Memory:MiniLm:Tuning=Memory</c>, the
/// default) ranks paraphrased answers first on its own, and those corrections then cost it first places; its profile
/// weighs dense 0.8 / lexical 0.2 with both corrections off and gates prompt memories at cosine 0.25 (chosen on the paraphrase dev set and LoCoMo dev,
/// docs/memory-retrieval.md). A setting the deployer gives always wins: the profile only moves defaults.</summary>
public static class FusionProfiles
{
    /// <summary>True when <paramref name="modelId"/> is the tuned MiniLM's (any precision).</summary>
    public static bool IsTunedMiniLm(string? modelId) =>
        modelId is not null && modelId.StartsWith(OnnxEmbeddingGenerators.MiniLmMemoryModelIdPrefix, StringComparison.Ordinal);

    /// <summary>Sets the defaults of the embedder with <paramref name="modelId"/> on <paramref name="options"/>; meant to run
    /// before configuration is bound over them.</summary>
    public static RetrievalOptions ApplyDefaults(RetrievalOptions options, string? modelId)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (IsTunedMiniLm(modelId))
        {
            options.LexicalWeight = 0.2;
            options.DenseWeight = 0.8;
            options.HubPenalty = 0;
            options.AnswerTypeBonus = 0;
            // Its cosines run lower for a paraphrased answer: at the published model's 0.3 the gate kept a question's
            // own memory out of the prompt for 7 % of the paraphrase sets' questions; 0.25 injects as few memories for
            // a question whose answer the user does not hold as the published model does at 0.3.
            options.MinPromptDenseSimilarity = 0.25;
        }

        return options;
    }
}
