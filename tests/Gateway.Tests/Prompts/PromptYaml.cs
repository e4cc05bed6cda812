namespace Gateway.Tests.Prompts;

/// <summary>Template files used across the tests.</summary>
internal static class PromptYaml
{
    public const string Chat = """
        name: chat
        description: test chat frame
        template_format: semantic-kernel
        template: |
          CHAT for {{$user_id}} in {{$context}} at {{$now}}
          {{$memories}}
        input_variables:
          - name: memories
          - name: user_id
          - name: context
          - name: now
        """;

    public static string ChatNamed(string marker) => Chat.Replace("CHAT for", marker + " for", StringComparison.Ordinal);

    public const string Greeting = """
        name: greeting
        description: says hello
        template_format: semantic-kernel
        template: "Hello {{$who}}, {{$mood}}!"
        input_variables:
          - name: who
            description: who is greeted
            is_required: true
          - name: mood
            default: good day
            is_required: false
        """;
}
