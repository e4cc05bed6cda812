using Microsoft.Extensions.AI;

namespace Memory.Tests.Embeddings.Onnx;

[Collection(MiniLmCollection.Name)]
public sealed class MiniLmEmbeddingGeneratorTests(MiniLmFixture model)
{
    [Fact]
    public async Task Smoke()
    {
        var v = await model.EmbedAsync("This is an example sentence");
        Console.WriteLine(string.Join(", ", v.Select(x => x.ToString("F6", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(384, v.Length);
    }
}
