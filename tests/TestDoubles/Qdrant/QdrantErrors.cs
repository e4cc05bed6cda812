using Grpc.Core;

namespace TestDoubles.Qdrant;

/// <summary>The errors Qdrant answers with, worded and coded as Qdrant's gRPC API does.</summary>
internal static class QdrantErrors
{
    public static RpcException CollectionNotFound(string name) =>
        new(new Status(StatusCode.NotFound, $"Not found: Collection `{name}` doesn't exist!"));

    public static RpcException CollectionExists(string name) =>
        new(new Status(StatusCode.AlreadyExists, $"Wrong input: Collection `{name}` already exists!"));

    public static RpcException BadInput(string description) =>
        new(new Status(StatusCode.InvalidArgument, $"Wrong input: {description}"));

    public static RpcException BadRequest(string description) =>
        new(new Status(StatusCode.InvalidArgument, $"Bad request: {description}"));

    public static RpcException Validation(string description) =>
        new(new Status(StatusCode.InvalidArgument, $"Validation error in body: [{description}]"));

    public static RpcException NotSupportedByFake(string what) =>
        new(new Status(StatusCode.Unimplemented, $"The fake Qdrant does not implement {what}."));
}
