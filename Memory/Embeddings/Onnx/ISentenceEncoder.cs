namespace Memory.Embeddings.Onnx;

/// <summary>Turns a batch of token-id sequences into sentence vectors; called by one thread at a time.</summary>
internal interface ISentenceEncoder
{
    /// <summary>Length of the sentence vectors.</summary>
    int Dimensions { get; }

    /// <summary>Embeds <paramref name="tokenIds"/>[i] into <paramref name="destinations"/>[i]; returns the padded
    /// length of the batch.</summary>
    int Encode(ReadOnlySpan<int[]> tokenIds, ReadOnlySpan<float[]> destinations);
}
