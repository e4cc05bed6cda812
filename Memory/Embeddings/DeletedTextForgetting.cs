using Memory.Model;

namespace Memory.Embeddings;

/// <summary>What every delete does to the embedding cache (the API's and write-back's alike): the deleted text's
/// vectors go, for the user as owner and their tenant. A failure leaves a vector that only the same text can find
/// (erasing the user removes it), so it is reported, never thrown.</summary>
internal static class DeletedTextForgetting
{
    /// <summary>Drops the vectors of <paramref name="text"/>; null when done (or no cache), else the failure's type name.</summary>
    public static async Task<string?> ForgetDeletedTextAsync(this IEmbeddingCache? cache, UserKey user, string text)
    {
        if (cache is null)
        {
            return null;
        }

        try
        {
            using (EmbeddingOwner.Use(user))
            {
                await cache.ForgetAsync([text], CancellationToken.None).ConfigureAwait(false);
            }

            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return e.GetType().Name;
        }
    }
}
