using Gateway.Prompts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Tests.Prompts;

public sealed class PromptRendererTests : IDisposable
{
    private const string Extract = """
        name: memory-extract
        template: |
          Now: {{$now}}
          Context: {{$context}}
          Messages:
          {{$messages}}
          Limit: {{$limit}}
        input_variables:
          - name: now
          - name: context
          - name: messages
          - name: limit
            is_required: false
        """;

    private readonly TempPromptDirectory _dir = new();
    private readonly PromptRenderer _renderer;

    public PromptRendererTests()
    {
        _dir.Write("memory-extract.yaml", Extract);
        _renderer = new PromptRenderer(new PromptTemplateStore(_dir.Path, NullLogger<PromptTemplateStore>.Instance));
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Renders_a_named_template_with_typed_values()
    {
        var rendered = await _renderer.RenderAsync("memory-extract", new Dictionary<string, object?>
        {
            ["now"] = new DateTimeOffset(2025, 6, 1, 14, 3, 0, TimeSpan.FromHours(2)),
            ["context"] = "chat",
            ["messages"] = new[] { "user: I'm allergic to peanuts & {{$now}}", "assistant: noted" },
            ["limit"] = 5,
        });

        Assert.Equal("memory-extract", rendered.TemplateName);
        Assert.Equal(12, rendered.Version.Length);
        Assert.Equal("""
            Now: 2025-06-01T12:03:00Z
            Context: chat
            Messages:
            user: I'm allergic to peanuts & {{$now}}
            assistant: noted
            Limit: 5

            """.ReplaceLineEndings("\n"), rendered.Text);
    }

    [Fact]
    public async Task A_missing_required_variable_is_an_error()
    {
        var error = await Assert.ThrowsAsync<PromptTemplateException>(() =>
            _renderer.RenderAsync("memory-extract", new Dictionary<string, object?> { ["now"] = "x", ["context"] = null }));

        Assert.Contains("'context'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'messages'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_template_is_an_error()
    {
        await Assert.ThrowsAsync<PromptTemplateException>(() => _renderer.RenderAsync("nope", new Dictionary<string, object?>()));
    }
}
