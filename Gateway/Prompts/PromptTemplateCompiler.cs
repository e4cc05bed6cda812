using System.Security.Cryptography;
using Microsoft.SemanticKernel;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Gateway.Prompts;

/// <summary>Turns a template file's YAML into a <see cref="CompiledPromptTemplate"/>, or into a message a prompt
/// engineer can act on. Variables are checked here, at load, so that a typo fails the edit instead of silently
/// rendering a blank: every variable a template uses must be declared, every required one must be used, and a
/// chat template may only rely on variables the assembler supplies (or give a default).</summary>
internal static class PromptTemplateCompiler
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    // Values go in as they are: rendered text is one chat message's content and is never parsed as SK's
    // <message> XML, so HTML-encoding would only alter memories (a memory's "&" must reach the model as "&").
    private static readonly KernelPromptTemplateFactory Factory = new() { AllowDangerouslySetContent = true };

    private static readonly Kernel ProbeKernel = new();

    /// <summary>Loads one file's content. <paramref name="name"/> is the file name without extension.</summary>
    public static PromptCompileResult Compile(string name, string yaml, string version)
    {
        PromptFileDocument? document;
        try
        {
            document = Yaml.Deserialize<PromptFileDocument>(yaml);
        }
        catch (YamlException e)
        {
            return PromptCompileResult.Fail(
                $"YAML error at line {e.Start.Line}, column {e.Start.Column}: {(e.InnerException ?? e).Message}");
        }

        if (document is null)
        {
            return PromptCompileResult.Fail("The file is empty.");
        }

        if (document.TemplateFormat is { Length: > 0 } format &&
            !format.Equals(PromptTemplateConfig.SemanticKernelTemplateFormat, StringComparison.Ordinal))
        {
            return PromptCompileResult.Fail($"template_format '{format}' is not supported; use '{PromptTemplateConfig.SemanticKernelTemplateFormat}'.");
        }

        if (string.IsNullOrWhiteSpace(document.Template))
        {
            return PromptCompileResult.Fail("'template' is missing or empty.");
        }

        var variables = ReadVariables(document, out var error);
        if (error is not null)
        {
            return PromptCompileResult.Fail(error);
        }

        if (ChatTemplateVariables.IsChatTemplate(name) &&
            variables.FirstOrDefault(v => v.Default is null && !ChatTemplateVariables.All.Contains(v.Name)) is { } foreign)
        {
            return PromptCompileResult.Fail(
                $"input variable '{foreign.Name}' has no value: chat templates get {string.Join(", ", ChatTemplateVariables.All)}; give '{foreign.Name}' a default or remove it.");
        }

        error = CheckVariants(document.Variants);
        if (error is not null)
        {
            return PromptCompileResult.Fail(error);
        }

        // The variables every render gets: the declared ones, then those the templates use without a declaration.
        var chat = ChatTemplateVariables.IsChatTemplate(name);
        var mainTemplate = CompileTemplate(document.Template, variables, chat, out error);
        if (mainTemplate is null)
        {
            return PromptCompileResult.Fail($"template: {error}");
        }

        var main = new PromptVariant(null, 1, mainTemplate);
        var variants = new List<PromptVariant>();
        foreach (var declared in document.Variants ?? [])
        {
            var template = mainTemplate;
            if (declared.Template is not null)
            {
                template = CompileTemplate(declared.Template, variables, chat, out error);
                if (template is null)
                {
                    return PromptCompileResult.Fail($"variant '{declared.Name}': {error}");
                }
            }

            variants.Add(new PromptVariant(declared.Name!.Trim(), declared.Weight, template));
        }

        return PromptCompileResult.Ok(new CompiledPromptTemplate(name, version, document.Description?.Trim(), variables, main, variants));
    }

    private static List<PromptVariable> ReadVariables(PromptFileDocument document, out string? error)
    {
        error = null;
        var variables = new List<PromptVariable>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var declared in document.InputVariables ?? [])
        {
            if (declared is null || string.IsNullOrWhiteSpace(declared.Name))
            {
                error = "every input_variables entry needs a 'name'.";
                return variables;
            }

            var name = declared.Name.Trim();
            if (!IsIdentifier(name))
            {
                error = $"input variable '{name}' is not a valid name (letters, digits and _ only).";
                return variables;
            }

            if (!seen.Add(name))
            {
                error = $"input variable '{name}' is declared twice.";
                return variables;
            }

            variables.Add(new PromptVariable(name, declared.Description?.Trim(), declared.Default, declared.IsRequired));
        }

        return variables;
    }

    private static string? CheckVariants(List<PromptFileVariant>? variants)
    {
        if (variants is not { Count: > 0 })
        {
            return null;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var variant in variants)
        {
            if (variant is null || string.IsNullOrWhiteSpace(variant.Name) || !IsVariantName(variant.Name))
            {
                return "every variant needs a 'name' of letters, digits and . _ - (at most 64).";
            }

            if (!seen.Add(variant.Name))
            {
                return $"variant '{variant.Name}' is declared twice.";
            }

            if (!double.IsFinite(variant.Weight) || variant.Weight < 0)
            {
                return $"variant '{variant.Name}' needs a weight of 0 or more.";
            }

            if (variant.Template is not null && string.IsNullOrWhiteSpace(variant.Template))
            {
                return $"variant '{variant.Name}' has an empty template (leave 'template' out to serve the main one).";
            }
        }

        return variants.Sum(v => v.Weight) > 0 ? null : "the variants' weights add up to 0: at least one must be served.";
    }

    /// <summary>Compiles a template as Semantic Kernel does: <c>input_variables</c> may be left out and may declare
    /// variables the template does not use. A variable used without a declaration is declared here (not required); in a
    /// chat template it must be one the gateway supplies, so a typo such as <c>{{$memory}}</c> is reported instead of
    /// rendering nothing. The undeclared ones are added to <paramref name="variables"/>, so that renders give them their values.</summary>
    private static IPromptTemplate? CompileTemplate(string text, List<PromptVariable> variables, bool chat, out string? error)
    {
        error = UnclosedTag(text);
        if (error is not null)
        {
            return null;
        }

        HashSet<string> used;
        try
        {
            // Semantic Kernel adds every variable a template references to an empty declaration list: its own
            // parser tells us exactly what the template uses.
            var probe = new PromptTemplateConfig(text);
            Factory.Create(probe);
            used = new HashSet<string>(probe.InputVariables.Select(v => v.Name), StringComparer.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is KernelException or ArgumentException)
        {
            error = e.Message;
            return null;
        }

        var declared = variables.ToDictionary(v => v.Name, StringComparer.OrdinalIgnoreCase);
        var undeclared = used.Where(u => !declared.ContainsKey(u)).Order(StringComparer.Ordinal).ToList();
        if (chat && undeclared.FirstOrDefault(u => !ChatTemplateVariables.All.Contains(u)) is { } unknown)
        {
            error = $"uses {{{{${unknown}}}}}, which chat templates are not given ({string.Join(", ", ChatTemplateVariables.All)}); declare it with a default in input_variables, or fix the name.";
            return null;
        }

        variables.AddRange(undeclared.Select(u => new PromptVariable(u, null, null, IsRequired: false)));

        var config = new PromptTemplateConfig(text)
        {
            TemplateFormat = PromptTemplateConfig.SemanticKernelTemplateFormat,
        };
        foreach (var variable in variables)
        {
            config.InputVariables.Add(new InputVariable
            {
                Name = variable.Name,
                Description = variable.Description ?? string.Empty,
                Default = variable.Default,
                IsRequired = variable.IsRequired,
                AllowDangerouslySetContent = true,
            });
        }

        IPromptTemplate template;
        try
        {
            template = Factory.Create(config);

            // A trial render with placeholder values catches what only rendering sees, such as a call to a
            // function: the kernel has no plugins, so templates hold text and variables only. With nothing
            // to await (no functions, no services) the render completes synchronously.
            var arguments = new KernelArguments();
            foreach (var variable in variables)
            {
                arguments[variable.Name] = "x";
            }

            template.RenderAsync(ProbeKernel, arguments).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is KernelException or KeyNotFoundException or ArgumentException or InvalidOperationException)
        {
            // KeyNotFoundException: a call to a function the (empty) kernel does not have.
            error = "cannot render: " + e.Message;
            return null;
        }

        return template;
    }

    /// <summary>Semantic Kernel reads a <c>{{</c> with no <c>}}</c> after it as plain text, so a tag left open
    /// (<c>{{$memories</c>, <c>{{$memories}</c>) would send its literal text and never the variable's value: that edit is
    /// reported as broken instead. A closed tag may hold the escapes <c>{{ "{{" }}</c> and <c>{{ "}}" }}</c>.</summary>
    private static string? UnclosedTag(string text)
    {
        var position = 0;
        while (text.IndexOf("{{", position, StringComparison.Ordinal) is >= 0 and var open)
        {
            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                var line = 1 + text.AsSpan(0, open).Count('\n');
                return $"line {line}: a '{{{{' is never closed with '}}}}' (Semantic Kernel would send it as text, not a variable); close the tag, or write {{{{ \"{{{{\" }}}} for literal braces.";
            }

            position = close + 2;
        }

        return null;
    }

    private static bool IsIdentifier(string name) => name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static bool IsVariantName(string name) =>
        name.Length <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    /// <summary>The served version of a file: the first 12 hex digits of its content's SHA-256.</summary>
    public static string VersionOf(ReadOnlySpan<byte> content) =>
        Convert.ToHexStringLower(SHA256.HashData(content))[..12];
}
