namespace Memory.Embeddings.Onnx;

/// <summary>One text waiting in the batcher: its token ids, the call it belongs to and its place in that call.</summary>
internal readonly record struct PendingText(EmbeddingCall Call, int Index, int[] TokenIds, long EnqueuedAt);
