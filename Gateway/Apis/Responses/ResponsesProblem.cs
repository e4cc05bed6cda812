namespace Gateway.Apis.Responses;

/// <summary>Why a Responses request cannot be served: the field (a JSON path such as <c>input[2].type</c>) and what
/// is wrong with it. Answered as a 400 in OpenAI's error shape that names the field.</summary>
internal sealed record ResponsesProblem(string Field, string Message, string Code = "invalid_request")
{
    public string Describe() => $"'{Field}': {Message}";
}
