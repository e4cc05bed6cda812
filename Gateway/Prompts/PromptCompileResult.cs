namespace Gateway.Prompts;

/// <summary>Loading a template file either yields a template or says why it failed (expected failures are values).</summary>
internal sealed record PromptCompileResult(CompiledPromptTemplate? Template, string? Error)
{
    public static PromptCompileResult Ok(CompiledPromptTemplate template) => new(template, null);

    public static PromptCompileResult Fail(string error) => new(null, error);
}
