using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;

namespace TestDoubles.Qdrant;

/// <summary>Turns stored points into Qdrant's response shapes, honouring the payload and vector selectors, and
/// reads vectors out of requests in any of the shapes Qdrant accepts for a single unnamed dense vector.</summary>
internal static class PointViews
{
    public static RetrievedPoint Retrieved(FakePoint point, WithPayloadSelector? payload, WithVectorsSelector? vectors, bool payloadByDefault)
    {
        var result = new RetrievedPoint { Id = point.Id.ToPointId() };
        result.Payload.Add(SelectPayload(point.Payload, payload, payloadByDefault));
        if (WantsVector(vectors))
        {
            result.Vectors = VectorOutput(point.Vector);
        }

        return result;
    }

    public static ScoredPoint Scored(FakePoint point, float score, WithPayloadSelector? payload, WithVectorsSelector? vectors)
    {
        var result = new ScoredPoint { Id = point.Id.ToPointId(), Score = score, Version = 1 };
        result.Payload.Add(SelectPayload(point.Payload, payload, payloadByDefault: false));
        if (WantsVector(vectors))
        {
            result.Vectors = VectorOutput(point.Vector);
        }

        return result;
    }

    /// <summary>The dense vector of an upserted point; named vectors are accepted only under the default name "".</summary>
    public static IReadOnlyList<float> FromPoint(Vectors? vectors)
    {
        switch (vectors?.VectorsOptionsCase)
        {
            case Vectors.VectorsOptionsOneofCase.Vector:
                return Dense(vectors.Vector);
            case Vectors.VectorsOptionsOneofCase.Vectors_:
                var named = vectors.Vectors_.Vectors;
                var unknown = named.Keys.FirstOrDefault(k => k.Length != 0);
                if (unknown is not null)
                {
                    throw QdrantErrors.BadInput($"Not existing vector name error: {unknown}");
                }

                return named.TryGetValue("", out var vector) ? Dense(vector) : throw QdrantErrors.BadInput("Vector is missing");
            default:
                throw QdrantErrors.Validation("vectors: vector is required for a collection with a dense vector");
        }
    }

#pragma warning disable CS0612, CS0618 // the deprecated flat `data` field is still what older clients send
    private static IReadOnlyList<float> Dense(Vector vector) => vector.VectorCase switch
    {
        Vector.VectorOneofCase.None when vector.Data.Count > 0 && vector.Indices is null && !vector.HasVectorsCount => vector.Data,
        Vector.VectorOneofCase.Dense => vector.Dense.Data,
        Vector.VectorOneofCase.None => throw QdrantErrors.Validation("vector: dense vector is empty"),
        _ => throw QdrantErrors.BadInput($"Wrong vector type {vector.VectorCase} for a dense vector"),
    };
#pragma warning restore CS0612, CS0618

    private static bool WantsVector(WithVectorsSelector? selector) => selector?.SelectorOptionsCase switch
    {
        WithVectorsSelector.SelectorOptionsOneofCase.Enable => selector.Enable,
        WithVectorsSelector.SelectorOptionsOneofCase.Include => selector.Include.Names.Contains(""),
        _ => false,
    };

    private static VectorsOutput VectorOutput(float[] vector)
    {
        var dense = new DenseVector();
        dense.Data.Add(vector);
        return new VectorsOutput { Vector = new VectorOutput { Dense = dense } };
    }

    private static MapField<string, Value> SelectPayload(MapField<string, Value> payload, WithPayloadSelector? selector, bool payloadByDefault)
    {
        var selected = new MapField<string, Value>();
        switch (selector?.SelectorOptionsCase)
        {
            case WithPayloadSelector.SelectorOptionsOneofCase.Enable:
                if (selector.Enable)
                {
                    selected.Add(payload.Clone());
                }

                break;
            case WithPayloadSelector.SelectorOptionsOneofCase.Include:
                foreach (var (key, value) in payload.Where(kv => selector.Include.Fields.Contains(kv.Key)))
                {
                    selected[key] = value.Clone();
                }

                break;
            case WithPayloadSelector.SelectorOptionsOneofCase.Exclude:
                foreach (var (key, value) in payload.Where(kv => !selector.Exclude.Fields.Contains(kv.Key)))
                {
                    selected[key] = value.Clone();
                }

                break;
            default:
                if (payloadByDefault)
                {
                    selected.Add(payload.Clone());
                }

                break;
        }

        return selected;
    }
}
