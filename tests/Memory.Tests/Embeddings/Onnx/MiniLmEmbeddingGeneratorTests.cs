using Memory.Embeddings.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;

namespace Memory.Tests.Embeddings.Onnx;

[Collection(MiniLmCollection.Name)]
public sealed class MiniLmEmbeddingGeneratorTests(MiniLmFixture model)
{
    private const string Example = "This is an example sentence";

    [Fact]
    public async Task Example_sentence_matches_the_sentence_transformers_reference()
    {
        // model.encode("This is an example sentence") with sentence-transformers' all-MiniLM-L6-v2, first values.
        float[] reference = [0.0677f, 0.0635f, 0.0487f, 0.0793f, 0.0374f, 0.0027f];

        var vector = await model.EmbedAsync(Example);

        Assert.Equal(384, vector.Length);
        for (var i = 0; i < reference.Length; i++)
        {
            Assert.True(Math.Abs(vector[i] - reference[i]) < 1e-3, $"dimension {i}: {vector[i]} vs {reference[i]}");
        }
    }

    [Fact]
    public async Task Example_sentence_matches_a_plain_onnx_pipeline_on_every_dimension()
    {
        // An independent path: ids looked up in the vocabulary by hand, a default session, one sequence, no padding,
        // mean pooling and normalisation in double precision.
        var vocabulary = File.ReadAllLines(MiniLmFixture.VocabPath);
        long[] ids = [.. new[] { "[CLS]", "this", "is", "an", "example", "sentence", "[SEP]" }.Select(t => (long)Array.IndexOf(vocabulary, t))];
        Assert.DoesNotContain(-1L, ids);
        using var session = new InferenceSession(MiniLmFixture.ModelPath);
        long[] shape = [1, ids.Length];
        using var inputIds = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(ids.Select(_ => 1L).ToArray(), shape);
        using var types = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [inputIds, mask, types], ["last_hidden_state"]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var expected = new double[384];
        for (var t = 0; t < ids.Length; t++)
        {
            for (var d = 0; d < 384; d++)
            {
                expected[d] += hidden[(t * 384) + d] / (double)ids.Length;
            }
        }

        var norm = Math.Sqrt(expected.Sum(x => x * x));

        var vector = await model.EmbedAsync(Example);

        for (var d = 0; d < 384; d++)
        {
            Assert.True(Math.Abs(vector[d] - (expected[d] / norm)) < 1e-4, $"dimension {d}: {vector[d]} vs {expected[d] / norm}");
        }
    }

    [Fact]
    public async Task Vectors_are_unit_length_and_carry_the_model_id()
    {
        var embeddings = await model.Generator.GenerateAsync(["I like green tea", ""]);

        Assert.All(embeddings, e =>
        {
            Assert.Equal(OnnxEmbeddingGenerators.MiniLmModelId, e.ModelId);
            Assert.Equal(1.0, Math.Sqrt(e.Vector.ToArray().Sum(x => (double)x * x)), 4);
        });
    }

    [Fact]
    public async Task A_paraphrase_sharing_no_content_words_is_closer_than_unrelated_text()
    {
        var memory = await model.EmbedAsync("I go trekking in the Alps");
        var question = await model.EmbedAsync("what outdoor sport do I do?");
        var unrelated = await model.EmbedAsync("My accountant files the quarterly tax returns");
        var allergy = await model.EmbedAsync("I am allergic to peanuts");
        var snack = await model.EmbedAsync("can you suggest a snack for me?");

        Assert.True(Dot(memory, question) > Dot(unrelated, question) + 0.1,
            $"trekking {Dot(memory, question):F3} vs unrelated {Dot(unrelated, question):F3}");
        Assert.True(Dot(allergy, snack) > Dot(unrelated, snack),
            $"allergy {Dot(allergy, snack):F3} vs unrelated {Dot(unrelated, snack):F3}");
    }

    [Fact]
    public async Task Concurrent_callers_get_the_same_vectors_as_single_calls()
    {
        string[] texts =
        [
            "short", "I go trekking in the Alps", "what outdoor sport do I do?",
            "My sister lives in Lisbon and works as a marine biologist studying octopus behaviour",
            "peanuts", "Please answer in French from now on", "ok", "The meeting moved to Thursday at 3pm",
        ];
        var single = new List<float[]>();
        foreach (var text in texts)
        {
            single.Add(await model.EmbedAsync(text));
        }

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => texts).Select(t => Task.Run(() => model.EmbedAsync(t))));
        var together = await model.Generator.GenerateAsync(texts);

        for (var i = 0; i < concurrent.Length; i++)
        {
            AssertClose(single[i % texts.Length], concurrent[i]);
        }

        for (var i = 0; i < texts.Length; i++)
        {
            AssertClose(single[i], together[i].Vector.ToArray());
        }
    }

    [Fact]
    public async Task Text_beyond_256_tokens_is_truncated_like_sentence_transformers()
    {
        // "word" is one word piece: [CLS] + 254 pieces + [SEP] fill the budget; the rest must not matter.
        var prefix = string.Join(' ', Enumerable.Repeat("word", 254));
        var longer = prefix + " " + string.Join(' ', Enumerable.Repeat("different tail", 500));

        AssertClose(await model.EmbedAsync(prefix), await model.EmbedAsync(longer));
    }

    [Fact]
    public void Metadata_names_the_model_and_its_dimensions()
    {
        var metadata = model.Generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal(OnnxEmbeddingGenerators.MiniLmModelId, metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
    }

    [Fact]
    public async Task A_request_for_other_dimensions_is_rejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            model.Generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = 768 }));
    }

    [Fact]
    public async Task A_cancelled_call_is_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => model.Generator.GenerateAsync(["x"], cancellationToken: cancellation.Token));
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-4, $"dimension {i}: {expected[i]} vs {actual[i]}");
        }
    }
}
