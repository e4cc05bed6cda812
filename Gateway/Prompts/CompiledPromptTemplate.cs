using Microsoft.SemanticKernel;

namespace Gateway.Prompts;

/// <summary>A template file that loaded cleanly: immutable, shared by every request while it is served.</summary>
internal sealed class CompiledPromptTemplate
{
    // No plugins and no services: templates can only reference variables, so nothing in a template can call out.
    private static readonly Kernel EmptyKernel = new();

    public CompiledPromptTemplate(string name, string version, string? description, IReadOnlyList<PromptVariable> variables, PromptVariant main, IReadOnlyList<PromptVariant> variants)
    {
        Name = name;
        Version = version;
        Description = description;
        Variables = variables;
        Main = main;
        Variants = variants.Count > 0 ? variants : [main];
        TotalWeight = Variants.Sum(v => v.Weight);
    }

    /// <summary>The file name without its extension (<c>chat</c>, <c>chat.docs</c>).</summary>
    public string Name { get; }

    /// <summary>Short hash of the file's content.</summary>
    public string Version { get; }

    public string? Description { get; }

    public IReadOnlyList<PromptVariable> Variables { get; }

    /// <summary>The file's <c>template</c>: what renders by name (<see cref="Memory.Abstractions.IPromptRenderer"/>)
    /// and what a variant without its own template serves.</summary>
    public PromptVariant Main { get; }

    /// <summary>The declared variants, or just <see cref="Main"/> (unnamed) when the file declares none.</summary>
    public IReadOnlyList<PromptVariant> Variants { get; }

    public double TotalWeight { get; }

    public bool HasVariants => Variants[0].Name is not null;

    /// <summary>The variant serving a point in [0, 1): the variants' weights laid end to end.</summary>
    public PromptVariant VariantAt(double point)
    {
        var target = point * TotalWeight;
        var cumulative = 0.0;
        foreach (var variant in Variants)
        {
            cumulative += variant.Weight;
            if (variant.Weight > 0 && target < cumulative)
            {
                return variant;
            }
        }

        return Variants.Last(v => v.Weight > 0);
    }

    /// <summary>Renders one variant. Declared variables take the given value, else their default; a required one
    /// with neither is an error, never a silent blank. Values are inserted as they are (not HTML-encoded, not
    /// re-evaluated): the result is plain text, never parsed as Semantic Kernel chat-prompt XML.</summary>
    public async Task<string> RenderAsync(PromptVariant variant, IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken = default)
    {
        var arguments = new KernelArguments();
        List<string>? missing = null;
        foreach (var variable in Variables)
        {
            if (values.TryGetValue(variable.Name, out var value) && value is not null)
            {
                arguments[variable.Name] = value;
            }
            else if (variable.Default is not null)
            {
                arguments[variable.Name] = variable.Default;
            }
            else if (variable.IsRequired)
            {
                (missing ??= []).Add(variable.Name);
            }
            else
            {
                arguments[variable.Name] = string.Empty;
            }
        }

        if (missing is not null)
        {
            throw new PromptTemplateException($"Template '{Name}' needs a value for {string.Join(", ", missing.Select(m => "'" + m + "'"))}.");
        }

        var skeleton = _skeletons.TryGetValue(variant, out var known) ? known : await BuildSkeletonAsync(variant, cancellationToken).ConfigureAwait(false);
        return skeleton is not null
            ? skeleton.Fill(arguments)
            : await variant.Template.RenderAsync(EmptyKernel, arguments, cancellationToken).ConfigureAwait(false);
    }

    // Templates can only reference variables and insert their values verbatim, so rendering is substitution: Semantic
    // Kernel renders each variant once with a marker for every variable, and a request fills the markers in. Exactly
    // what a full render gives, in microseconds instead of a kernel render per request (two per personalized call).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<PromptVariant, RenderSkeleton?> _skeletons = new(ReferenceEqualityComparer.Instance);

    private async Task<RenderSkeleton?> BuildSkeletonAsync(PromptVariant variant, CancellationToken cancellationToken)
    {
        var names = Variables.Select(v => v.Name).ToArray();
        var arguments = new KernelArguments();
        for (var i = 0; i < names.Length; i++)
        {
            arguments[names[i]] = RenderSkeleton.Marker(i);
        }

        var rendered = await variant.Template.RenderAsync(EmptyKernel, arguments, cancellationToken).ConfigureAwait(false);
        var skeleton = RenderSkeleton.Parse(rendered, names);
        if (skeleton is not null)
        {
            // Proof by example: other values must come out exactly as a full render puts them (a template whose own
            // text looks like a marker fails this and is rendered in full every time).
            var probe = new KernelArguments();
            for (var i = 0; i < names.Length; i++)
            {
                probe[names[i]] = $"<probe {i} {Guid.NewGuid():N}>";
            }

            if (skeleton.Fill(probe) != await variant.Template.RenderAsync(EmptyKernel, probe, cancellationToken).ConfigureAwait(false))
            {
                skeleton = null;
            }
        }

        _skeletons[variant] = skeleton;
        return skeleton;
    }
}
