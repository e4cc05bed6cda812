using System.Text.RegularExpressions;
using Memory.Abstractions;

namespace Memory.Tests.WriteBack.Fakes;

/// <summary>Renders the real prompts/*.yaml templates by substituting <c>{{$name}}</c> with the variables, failing
/// on a variable the template uses but was not given, like the gateway's loader.</summary>
internal sealed partial class TemplateFilePromptRenderer : IPromptRenderer
{
    public List<string> Rendered { get; } = [];

    public Task<RenderedPrompt> RenderAsync(string templateName, IReadOnlyDictionary<string, object?> variables, CancellationToken cancellationToken = default)
    {
        var template = PromptFiles.Template(templateName);
        var text = Variable().Replace(template, m => variables.TryGetValue(m.Groups[1].Value, out var v)
            ? v?.ToString() ?? string.Empty
            : throw new InvalidOperationException($"Template {templateName} uses {m.Groups[1].Value}, which was not given."));
        lock (Rendered)
        {
            Rendered.Add(templateName);
        }

        return Task.FromResult(new RenderedPrompt(text, templateName, "test"));
    }

    [GeneratedRegex(@"\{\{\s*\$(\w+)\s*\}\}")]
    private static partial Regex Variable();
}
