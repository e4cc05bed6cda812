namespace TestDoubles.Qdrant;

/// <summary>One gRPC call the fake Qdrant received. <see cref="Message"/> is the request's protobuf bytes, so a
/// test can parse it with the client's own types (e.g. <c>QueryPoints.Parser.ParseFrom(r.Message)</c>) and assert
/// exactly what was pushed down; <see cref="Json"/> is the same message in protobuf JSON for diagnostics.</summary>
public sealed record RecordedQdrantRequest(string Service, string Method, string? CollectionName, byte[] Message, string Json);
