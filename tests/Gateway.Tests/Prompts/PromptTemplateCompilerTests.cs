using Gateway.Prompts;

namespace Gateway.Tests.Prompts;

public sealed class PromptTemplateCompilerTests
{
    private static PromptCompileResult Compile(string yaml, string name = "greeting") => PromptTemplateCompiler.Compile(name, yaml, "v1");

    [Fact]
    public void Parses_the_semantic_kernel_config_shape()
    {
        var template = Compile(PromptYaml.Greeting).Template;

        Assert.NotNull(template);
        Assert.Equal("greeting", template.Name);
        Assert.Equal("v1", template.Version);
        Assert.Equal("says hello", template.Description);
        Assert.Collection(template.Variables,
            v => Assert.Equal(new PromptVariable("who", "who is greeted", null, true), v),
            v => Assert.Equal(new PromptVariable("mood", null, "good day", false), v));
        Assert.False(template.HasVariants);
    }

    [Fact]
    public void Unknown_keys_are_tolerated()
    {
        var yaml = PromptYaml.Greeting + """

            execution_settings:
              default:
                temperature: 0.2
                max_tokens: 300
            allow_dangerously_set_content: false
            """;

        Assert.NotNull(Compile(yaml).Template);
    }

    /// <summary>As in Semantic Kernel, <c>input_variables</c> may be left out: the contract's check edits
    /// <c>chat.yaml</c> to a bare template (the contract audit of the ninth session found it refused).</summary>
    [Theory]
    [InlineData("template: |\n  MARK {{$user_id}}\n  {{$memories}}\n")]
    [InlineData("name: chat\ntemplate_format: semantic-kernel\ntemplate: \"{{$memories}} for {{$user_id}} in {{$context}} at {{$now}}\"\n")]
    public void A_chat_template_may_use_the_variables_it_is_given_without_declaring_them(string yaml)
    {
        var result = PromptTemplateCompiler.Compile("chat", yaml, "v1");

        Assert.Null(result.Error);
        Assert.NotNull(result.Template);
    }

    [Fact]
    public void A_chat_template_using_a_variable_it_is_not_given_is_a_load_error()
    {
        var result = PromptTemplateCompiler.Compile("chat", "template: \"{{$memory}} for {{$user_id}}\"\n", "v1");

        Assert.Null(result.Template);
        Assert.Contains("{{$memory}}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_template_may_use_a_variable_it_does_not_declare()
    {
        var yaml = PromptYaml.Greeting.Replace("{{$mood}}", "{{$mod}}", StringComparison.Ordinal);

        Assert.NotNull(Compile(yaml).Template);
    }

    /// <summary>Semantic Kernel allows a declared variable the template does not use (the contract audit found
    /// chat.yaml declaring all four of its variables and using two refused).</summary>
    [Fact]
    public void A_declared_variable_the_template_does_not_use_is_allowed()
    {
        var yaml = PromptYaml.Greeting.Replace("Hello {{$who}}, ", "Hello, ", StringComparison.Ordinal);

        Assert.NotNull(Compile(yaml).Template);
    }

    [Fact]
    public void An_optional_variable_may_go_unused()
    {
        var yaml = PromptYaml.Greeting.Replace(", {{$mood}}", string.Empty, StringComparison.Ordinal);

        Assert.NotNull(Compile(yaml).Template);
    }

    [Fact]
    public void A_variable_used_inside_a_function_argument_counts_as_used()
    {
        var result = PromptTemplateCompiler.Compile("chat", "template: \"{{$memories}} {{text.upper $nope}}\"\n", "v1");

        Assert.Null(result.Template);
        Assert.Contains("{{$nope}}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_function_call_is_a_load_error_because_templates_get_no_functions()
    {
        var yaml = """
            template: "Summary: {{ConversationSummaryPlugin.Summarize $who}}"
            input_variables:
              - name: who
            """;

        var result = Compile(yaml);

        Assert.Null(result.Template);
        Assert.StartsWith("template: cannot render", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name: chat\ntemplate: [unclosed\n  : :\n", "YAML error at line")]
    [InlineData("", "empty")]
    [InlineData("name: x\ndescription: no template\n", "'template' is missing")]
    [InlineData("template: hi\ntemplate_format: handlebars\n", "not supported")]
    [InlineData("template: hi\ninput_variables:\n  - description: nameless\n", "needs a 'name'")]
    [InlineData("template: \"{{$a}}\"\ninput_variables:\n  - name: a\n  - name: A\n", "declared twice")]
    [InlineData("template: hi\ninput_variables:\n  - name: bad-name\n    is_required: false\n", "not a valid name")]
    [InlineData("template: \"{{$a b c}}\"\ninput_variables:\n  - name: a\n", "template:")]
    public void Broken_files_fail_with_a_reason(string yaml, string expected)
    {
        var result = Compile(yaml);

        Assert.Null(result.Template);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chat_template_may_only_rely_on_variables_the_assembler_supplies()
    {
        var yaml = PromptYaml.Chat.Replace("{{$memories}}", "{{$memories}} {{$tone}}", StringComparison.Ordinal) + "\n  - name: tone\n";

        var result = Compile(yaml, "chat.docs");

        Assert.Null(result.Template);
        Assert.Contains("'tone' has no value", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chat_template_variable_with_a_default_is_fine()
    {
        var yaml = PromptYaml.Chat.Replace("{{$memories}}", "{{$memories}} {{$tone}}", StringComparison.Ordinal) + "\n  - name: tone\n    default: warm\n";

        Assert.NotNull(Compile(yaml, "chat").Template);
    }

    [Fact]
    public void Variants_are_read_with_their_weights_and_templates()
    {
        var yaml = PromptYaml.Greeting + """

            variants:
              - name: control
                weight: 3
              - name: shout
                weight: 1
                template: "HELLO {{$who}}!"
            """;

        var template = Compile(yaml).Template;

        Assert.NotNull(template);
        Assert.True(template.HasVariants);
        Assert.Equal(["control", "shout"], template.Variants.Select(v => v.Name));
        Assert.Equal(4, template.TotalWeight);
        Assert.Same(template.Main.Template, template.Variants[0].Template);
    }

    [Theory]
    [InlineData("  - name: a\n    weight: -1\n", "weight of 0 or more")]
    [InlineData("  - name: a\n    weight: 0\n", "add up to 0")]
    [InlineData("  - name: a\n  - name: A\n", "declared twice")]
    [InlineData("  - weight: 1\n", "needs a 'name'")]
    [InlineData("  - name: a\n    template: \"{{text.upper $who}}\"\n", "variant 'a'")]
    public void Broken_variants_fail_with_a_reason(string variants, string expected)
    {
        var result = Compile(PromptYaml.Greeting + "\nvariants:\n" + variants);

        Assert.Null(result.Template);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_version_is_a_short_hash_of_the_content()
    {
        var a = PromptTemplateCompiler.VersionOf("template: a"u8);
        var b = PromptTemplateCompiler.VersionOf("template: b"u8);

        Assert.Equal(12, a.Length);
        Assert.NotEqual(a, b);
        Assert.Equal(a, PromptTemplateCompiler.VersionOf("template: a"u8));
    }

    [Fact]
    public void A_minimal_chat_template_with_bare_variable_names_loads()
    {
        const string yaml = "name: chat\ndescription: check marker\ntemplate_format: semantic-kernel\n" +
            "template: |\n  CHECK-MARKER-1 for {{$user_id}}\n  {{$memories}}\n" +
            "input_variables:\n  - name: user_id\n  - name: memories\n";

        var template = Compile(yaml, "chat").Template;

        Assert.NotNull(template);
        Assert.All(template.Variables, v => Assert.True(v.IsRequired));
    }

    [Fact]
    public void The_built_in_chat_template_compiles()
    {
        Assert.Equal(BuiltInChatTemplate.Version, BuiltInChatTemplate.Instance.Version);
    }
}
