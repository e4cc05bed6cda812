using Memory.Tests.WriteBack.Fakes;

namespace Memory.Tests.WriteBack;

public sealed class PromptTemplateTests
{
    [Theory]
    [InlineData("memory-extract", new[] { "messages", "context", "asked", "now" })]
    [InlineData("memory-consolidate", new[] { "new_facts", "existing_memories", "now" })]
    [InlineData("memory-compress", new[] { "memories", "now" })]
    public void Template_declares_exactly_the_variables_it_uses(string name, string[] expected)
    {
        Assert.Equal(expected.Order(), PromptFiles.DeclaredVariables(name).Order());
        Assert.Equal(expected.Order(), PromptFiles.UsedVariables(name).Order());
    }

    [Theory]
    [InlineData("memory-extract")]
    [InlineData("memory-consolidate")]
    [InlineData("memory-compress")]
    public void Template_uses_the_semantic_kernel_shape_and_no_stray_braces(string name)
    {
        var text = File.ReadAllText(PromptFiles.PathOf(name));
        Assert.Contains($"name: {name}", text, StringComparison.Ordinal);
        Assert.Contains("template_format: semantic-kernel", text, StringComparison.Ordinal);
        Assert.Contains("description:", text, StringComparison.Ordinal);
        var withoutVariables = System.Text.RegularExpressions.Regex.Replace(PromptFiles.Template(name), @"\{\{\$\w+\}\}", string.Empty);
        Assert.DoesNotContain("{{", withoutVariables, StringComparison.Ordinal);
        Assert.DoesNotContain("}}", withoutVariables, StringComparison.Ordinal);
    }
}
