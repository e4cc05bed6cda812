using System.Text.Json;
using System.Text.Json.Nodes;
using Guardrails.Abstractions;

namespace Gateway.Pipeline;

/// <summary>Builds the guardrails' view of a chat request.</summary>
internal static class GuardrailContextFactory
{
    public static GuardrailRequestContext For(ChatRequest request) => new()
    {
        RequestId = request.Context.RequestId,
        CallId = request.Context.CallId,
        Tenant = request.Context.Caller.Tenant,
        UserId = request.Context.UserId,
        Context = request.Context.MemoryContext,
        KeyId = request.Context.Caller.KeyId,
        TemplateVersion = request.Context.TemplateVersion,
        Canaries = request.Context.InjectedMemories.Count > 0 ? [request.Context.Canary] : [],
        ResponseJsonSchema = JsonSchemaOf(request.Body),
        DryRun = request.Context.IsPreview,
    };

    /// <summary>The schema of <c>response_format: {type: json_schema, json_schema: {schema}}</c>, if any.</summary>
    public static string? JsonSchemaOf(JsonObject body) =>
        body["response_format"] is JsonObject format &&
        format["type"]?.GetValueKind() == JsonValueKind.String && format["type"]!.GetValue<string>() == "json_schema" &&
        format["json_schema"] is JsonObject js && js["schema"] is JsonObject schema
            ? schema.ToJsonString()
            : null;
}
