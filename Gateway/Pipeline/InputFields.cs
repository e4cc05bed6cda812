using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Pipeline;

/// <summary>The strings of a request that carry text from outside the app's own code upstream, which the input stage
/// checks: in the user's messages and tool results their content (a string or the <c>text</c> of each part) and each
/// file part's <c>filename</c>; a user message's <c>name</c>; chat's <c>prediction</c> content (the text the answer is
/// expected to repeat, typically the user's document); and, for a Responses app, its <c>prompt</c>'s
/// <c>variables</c> (strings, <c>input_text</c> and <c>input_file</c> names), which only a Responses upstream gets.
/// Not checked: the app's system and developer messages, earlier assistant turns (checked as output), tool and
/// function names, schemas and tools (the app's own), image and file data, and identifiers (<c>user</c>, ids).</summary>
internal static class InputFields
{
    /// <summary>The fields of <paramref name="request"/> to check, in request order, collected before any is replaced.</summary>
    public static List<InputField> Of(ChatRequest request)
    {
        var fields = new List<InputField>();
        foreach (var message in request.Messages)
        {
            var role = MessageText.RoleOf(message);
            if (role is not ("user" or "tool" or "function") || message is not JsonObject m)
            {
                continue;
            }

            Content(m, "content", fields);
            if (role == "user")
            {
                Add(m, "name", fields, isName: true);
            }
        }

        if (request.Body["prediction"] is JsonObject prediction)
        {
            Content(prediction, "content", fields);
        }

        if (request.Context.Api == ClientApi.Responses && request.Context.NativeBody?["prompt"] is JsonObject prompt
            && prompt["variables"] is JsonObject variables)
        {
            PromptVariables(variables, fields);
        }

        return fields;
    }

    /// <summary>Content that is a string, or parts: each part's <c>text</c> and each file part's name.</summary>
    private static void Content(JsonObject owner, string key, List<InputField> fields)
    {
        if (owner[key] is JsonArray parts)
        {
            foreach (var part in parts.OfType<JsonObject>())
            {
                Add(part, "text", fields);
                if (part["file"] is JsonObject file)
                {
                    Add(file, "filename", fields);
                }
            }
        }
        else
        {
            Add(owner, key, fields);
        }
    }

    /// <summary>A prompt template's values: strings, <c>input_text</c> parts and <c>input_file</c> names.</summary>
    private static void PromptVariables(JsonObject variables, List<InputField> fields)
    {
        foreach (var (name, value) in variables)
        {
            if (value is JsonObject part)
            {
                Add(part, "text", fields);
                Add(part, "filename", fields);
            }
            else
            {
                Add(variables, name, fields);
            }
        }
    }

    private static void Add(JsonObject owner, string key, List<InputField> fields, bool isName = false)
    {
        if (owner[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            fields.Add(new InputField(owner, key, value.GetValue<string>(), isName));
        }
    }
}
