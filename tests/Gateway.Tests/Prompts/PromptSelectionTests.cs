using Gateway.Pipeline;
using Gateway.Prompts;

namespace Gateway.Tests.Prompts;

public sealed class PromptSelectionTests : IDisposable
{
    private readonly AssemblerHarness _h = new();

    public PromptSelectionTests()
    {
        _h.Directory.Write("chat.docs.yaml", PromptYaml.ChatNamed("DOCS"));
        _h.Directory.Write("chat.partner.yaml", PromptYaml.ChatNamed("PARTNER"));
        _h.Directory.Write("chat.partner.docs.yaml", PromptYaml.ChatNamed("PARTNER-DOCS"));
        _h.Store.Reload();
    }

    public void Dispose() => _h.Dispose();

    private async Task<(string Text, string Template)> Assemble(string context = "chat", string? keyTemplate = null)
    {
        var prompt = await _h.AssembleAsync(AssemblerHarness.Request(context: context, keyTemplate: keyTemplate), AssemblerHarness.Messages(("user", "hi")));
        return (MessageText.Of(prompt.Messages[0]), prompt.TemplateName);
    }

    [Fact]
    public async Task The_default_context_uses_chat_yaml()
    {
        var (text, template) = await Assemble();

        Assert.StartsWith("CHAT for carol", text, StringComparison.Ordinal);
        Assert.Equal("chat", template);
    }

    [Fact]
    public async Task A_feature_context_with_its_own_file_uses_it()
    {
        var (text, template) = await Assemble("docs");

        Assert.StartsWith("DOCS for carol in docs", text, StringComparison.Ordinal);
        Assert.Equal("chat.docs", template);
    }

    [Fact]
    public async Task A_feature_context_without_a_file_falls_back_to_chat_yaml()
    {
        var (text, _) = await Assemble("search");

        Assert.StartsWith("CHAT for carol in search", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chat.partner", "chat", "PARTNER for")]
    [InlineData("chat.partner.yaml", "search", "PARTNER for")]
    [InlineData("chat.partner", "docs", "PARTNER-DOCS for")]
    [InlineData("chat.missing", "docs", "DOCS for")]
    public async Task A_keys_template_override_wins(string keyTemplate, string context, string expected)
    {
        var (text, _) = await Assemble(context, keyTemplate);

        Assert.StartsWith(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_any_chat_template_the_built_in_one_frames_the_memories()
    {
        using var h = new AssemblerHarness(writeChat: false);
        h.Memory.Set(AssemblerHarness.Carol, [TestMemories.Make("Carol is allergic to peanuts")], []);

        var prompt = await h.AssembleAsync(AssemblerHarness.Request(), AssemblerHarness.Messages(("user", "hi")));

        Assert.Equal(BuiltInChatTemplate.Version, prompt.TemplateVersion);
        Assert.Contains("] Carol is allergic to peanuts", MessageText.Of(prompt.Messages[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_template_needing_a_variable_chat_does_not_supply_falls_back_to_the_built_in_one()
    {
        _h.Directory.Write("custom.yaml", """
            template: "{{$memories}} {{$brand}}"
            input_variables:
              - name: memories
              - name: brand
            """);
        _h.Store.Reload();

        var prompt = await _h.AssembleAsync(AssemblerHarness.Request(keyTemplate: "custom"), AssemblerHarness.Messages(("user", "hi")));

        Assert.Equal(BuiltInChatTemplate.Version, prompt.TemplateVersion);
    }
}
