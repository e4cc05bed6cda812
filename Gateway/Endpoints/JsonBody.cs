using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Gateway.OpenAI;
using Gateway.Pipeline;

namespace Gateway.Endpoints;

/// <summary>Reads a JSON body into a DTO; any malformed input (not JSON, wrong types, too large) becomes a clear
/// 400/413 in OpenAI's shape that names the offending field.</summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync(http.Request.Body, type, http.RequestAborted).ConfigureAwait(false);
            return value is null
                ? (null, OpenAIError.BadRequest("The request body must be a JSON object.", "invalid_json"))
                : (value, null);
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? string.Empty : $" at {e.Path}";
            // OpenAI's param names the field without the root: "$.memories[0].confidence" -> "memories[0].confidence".
            var param = where.Length == 0 ? null : e.Path!.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path;
            return (null, OpenAIError.BadRequest($"The request body is not valid{where}: expected the documented JSON shape, each property once.", "invalid_json", param));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ChatRequestReader.TooLarge(http));
        }
    }
}
