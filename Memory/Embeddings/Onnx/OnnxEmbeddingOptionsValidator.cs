using Microsoft.Extensions.Options;

namespace Memory.Embeddings.Onnx;

/// <summary>Bad settings of the chosen local model (<c>Memory:MiniLm</c>, <c>Memory:Arctic</c> or <c>Memory:Onnx</c>,
/// registered as named options under the section's name) stop startup with a message naming the key. A model file
/// that cannot load is not a settings error: the embedder falls back to hash and <c>/healthz</c> reports it.</summary>
internal sealed class OnnxEmbeddingOptionsValidator : IValidateOptions<OnnxEmbeddingOptions>
{
    public ValidateOptionsResult Validate(string? name, OnnxEmbeddingOptions options)
    {
        if (name is not (OnnxEmbeddingOptions.MiniLmSection or OnnxEmbeddingOptions.ArcticSection or OnnxEmbeddingOptions.OnnxSection))
        {
            return ValidateOptionsResult.Skip;
        }

        return OnnxEmbeddingGenerators.ValidateSettings(options, name) is { } error
            ? ValidateOptionsResult.Fail(error)
            : ValidateOptionsResult.Success;
    }
}
