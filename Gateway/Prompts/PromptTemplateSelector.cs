using System.Collections.Concurrent;
using Gateway.Auth;
using Microsoft.Extensions.Logging;

namespace Gateway.Prompts;

/// <summary>Picks the chat template for a request: the key's override (<c>Auth:Keys:N:Template</c>, with its
/// <c>.&lt;context&gt;</c> form first), then <c>chat.&lt;context&gt;</c> for the feature context, then <c>chat</c>, then the
/// built-in template. Only templates that are being served count.</summary>
internal sealed class PromptTemplateSelector
{
    public const string DefaultTemplate = "chat";

    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string Key, string Template), bool> _reportedOverrides = new();
    private volatile bool _reportedMissingChat;

    public PromptTemplateSelector(ILogger<PromptTemplateSelector> logger) => _logger = logger;

    public CompiledPromptTemplate Select(PromptCatalog catalog, CallerIdentity caller, string context, string directory)
    {
        if (NormalizeOverride(caller.PromptTemplate) is { } keyTemplate)
        {
            if (Find(catalog, keyTemplate, context) is { } chosen)
            {
                return chosen;
            }

            if (_reportedOverrides.TryAdd((caller.KeyId ?? "-", keyTemplate), true))
            {
                _logger.OverrideNotFound(caller.KeyId ?? "-", keyTemplate);
            }
        }

        if (Find(catalog, DefaultTemplate, context) is { } template)
        {
            _reportedMissingChat = false;
            return template;
        }

        if (!_reportedMissingChat)
        {
            _reportedMissingChat = true;
            _logger.ChatTemplateMissing(directory);
        }

        return BuiltInChatTemplate.Instance;
    }

    private static CompiledPromptTemplate? Find(PromptCatalog catalog, string name, string context) =>
        (context.Length > 0 && !context.Equals(DefaultTemplate, StringComparison.OrdinalIgnoreCase)
            ? catalog.Find(name + "." + context)
            : null) ?? catalog.Find(name);

    /// <summary>Accepts <c>chat.partner</c>, <c>chat.partner.yaml</c> or <c>chat.partner.yml</c>.</summary>
    private static string? NormalizeOverride(string? template)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return null;
        }

        var name = template.Trim();
        foreach (var extension in (string[])[".yaml", ".yml"])
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return name[..^extension.Length];
            }
        }

        return name;
    }
}
