using Memory.Abstractions;
using System.Globalization;
using System.Text.Json.Nodes;
using Gateway.Pipeline;
using Memory;
using Memory.Configuration;
using Memory.Model;
using Memory.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Prompts;

/// <summary>Builds what the upstream sees for one chat request. With a user who consents to memory: select the
/// template (key override, feature context, default) and the user's sticky variant, fetch memories within the
/// memory budget shrunk to what the context window leaves, format them as an inert, canary-marked block, render
/// the template, and put it as one system message before the app's messages. Without a user or consent the app's
/// messages go as they are. The app's messages are never changed or trimmed.</summary>
internal sealed class PromptAssembler : IPromptAssembler
{
    private readonly PromptTemplateStore _store;
    private readonly PromptTemplateSelector _selector;
    private readonly IMemoryService _memory;
    private readonly ITokenCounter _counter;
    private readonly MemoryBlockBuilder _blocks;
    private readonly ContextWindowBudget _window;
    private readonly IOptionsMonitor<MemoryOptions> _memoryOptions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    private readonly IMemoryContentGuard? _guard;
    private static readonly TimeSpan InjectVerdictLifetime = TimeSpan.FromMinutes(5);
    private const int MaxInjectVerdicts = 100_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Tenant, string User, string Id, long Version, int Length), (MemoryGuardDecision Decision, DateTimeOffset At)> _injectVerdicts = new();

    public PromptAssembler(
        PromptTemplateStore store,
        PromptTemplateSelector selector,
        IMemoryService memory,
        ITokenCounter counter,
        ContextWindowBudget window,
        IOptionsMonitor<MemoryOptions> memoryOptions,
        TimeProvider time,
        ILogger<PromptAssembler> logger,
        IMemoryContentGuard? guard = null)
    {
        _guard = guard;
        _store = store;
        _selector = selector;
        _memory = memory;
        _counter = counter;
        _blocks = new MemoryBlockBuilder(counter);
        _window = window;
        _memoryOptions = memoryOptions;
        _time = time;
        _logger = logger;
    }

    public Task<AssembledPrompt> AssembleAsync(ChatRequestContext request, JsonArray appMessages, CancellationToken cancellationToken = default) =>
        AssembleAsync(request, appMessages, body: null, cancellationToken);

    public Task<AssembledPrompt> AssembleAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return AssembleAsync(request.Context, request.Messages, request.Body, cancellationToken);
    }

    private async Task<AssembledPrompt> AssembleAsync(ChatRequestContext request, JsonArray appMessages, JsonObject? body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(appMessages);
        var model = request.Model;
        var messages = new JsonArray(appMessages.Select(m => m?.DeepClone()).ToArray());
        var appMessageTokens = _window.CountMessages(appMessages, model);
        var appTokens = appMessageTokens + ContextWindowBudget.ReplyPriming;

        if (request.User is not { } user)
        {
            return Unpersonalized(request, messages, appTokens);
        }

        request.MemoryEnabled = await ConsentsAsync(user, request.RequestId, cancellationToken).ConfigureAwait(false);
        if (!request.MemoryEnabled)
        {
            return Unpersonalized(request, messages, appTokens);
        }

        var template = _selector.Select(_store.Catalog, request.Caller, request.MemoryContext, _store.Directory);
        var variant = VariantAssigner.Assign(template, user.Tenant, user.UserId);
        var now = _time.GetUtcNow();
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            // The end user's own id (the contract's user_id): the shipped templates leave it out of the prompt, so it
            // reaches the upstream only where a prompt engineer puts it (Upstream:ForwardUser covers the body's fields).
            [ChatTemplateVariables.UserId] = Memory.Text.PromptValues.Quoted(user.UserId),
            [ChatTemplateVariables.Context] = Memory.Text.PromptValues.Quoted(request.MemoryContext),
            [ChatTemplateVariables.Now] = PromptVariableValues.Iso(now),
            [ChatTemplateVariables.Model] = model ?? string.Empty,
        };

        // The frame: the template around an empty block. What it leaves of the window bounds the memory budget.
        var available = _window.Available(model, appMessageTokens, body);
        var empty = _blocks.Empty(request.Canary, model);
        (template, variant, var frame) = await RenderAsync(template, variant, values, empty, cancellationToken).ConfigureAwait(false);
        var frameTokens = _counter.CountLines(frame, model);
        if (frameTokens > available)
        {
            _logger.SystemMessageDoesNotFit(request.RequestId, template.Name, frameTokens, Math.Max(0, available), model ?? "-");
            return Unpersonalized(request, messages, appTokens);
        }

        var options = _memoryOptions.CurrentValue;
        var budget = Math.Min(options.TokenBudget, available - (frameTokens - empty.Tokens));
        var selection = await SelectAsync(user, request, MessageText.QueryOf(appMessages), budget, cancellationToken).ConfigureAwait(false);
        var block = _blocks.Build(selection, request.Canary, now, budget, options.InjectionConfidenceFloor, model, empty);
        var offered = selection.Profile.Count + selection.Relevant.Count;
        if (block.Memories.Count < offered)
        {
            _logger.MemoriesTrimmed(request.RequestId, block.Memories.Count, offered, budget);
        }

        var text = frame;
        var systemTokens = frameTokens;
        var injected = block.Memories;
        if (block.Memories.Count > 0)
        {
            (_, _, text) = await RenderAsync(template, variant, values, block, cancellationToken).ConfigureAwait(false);
            systemTokens = _counter.CountLines(text, model);
            if (systemTokens > available)
            {
                // Token boundaries shifted by a token or two at the seams: the empty frame is known to fit.
                (text, systemTokens, injected) = (frame, frameTokens, []);
            }
        }

        messages.Insert(0, new JsonObject { ["role"] = "system", ["content"] = text });
        request.TemplateName = template.Name;
        request.TemplateVersion = template.Version;
        request.Variant = variant.Name;
        request.InjectedMemories = injected;
        return new AssembledPrompt(messages, injected, template.Name, template.Version, variant.Name)
        {
            MemoryTokens = injected.Count > 0 ? block.Tokens : 0,
            PromptTokens = appTokens + systemTokens + ContextWindowBudget.PerMessageOverhead,
        };
    }

    private async Task<bool> ConsentsAsync(UserKey user, string requestId, CancellationToken cancellationToken)
    {
        try
        {
            return await _memory.GetConsentAsync(user, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Unknown consent is no consent.
            _logger.ConsentLookupFailed(requestId, e);
            return false;
        }
    }

    private async Task<MemorySelection> SelectAsync(UserKey user, ChatRequestContext request, string query, int budget, CancellationToken cancellationToken)
    {
        if (budget <= 0)
        {
            return MemorySelection.Empty;
        }

        try
        {
            var selection = await _memory.SelectForPromptAsync(user, new PromptMemoryRequest
            {
                Query = query,
                Context = request.MemoryContext,
                TokenBudget = budget,
                Model = request.Model,
            }, cancellationToken).ConfigureAwait(false);
            return await GuardAsync(user, selection, request.RequestId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A memory outage degrades to an unpersonalized answer, not a failed request.
            _logger.MemorySelectionFailed(request.RequestId, e);
            return MemorySelection.Empty;
        }
    }

    /// <summary>The memory-stage guardrail again, before injection: a memory that now reads as an injection or holds
    /// a secret is left out (the refusal is an audit event), a redaction is applied to the injected copy.</summary>
    private async Task<MemorySelection> GuardAsync(UserKey user, MemorySelection selection, string requestId, CancellationToken cancellationToken)
    {
        if (_guard is null)
        {
            return selection;
        }

        async Task<IReadOnlyList<ScoredMemory>> FilterAsync(IReadOnlyList<ScoredMemory> memories)
        {
            var kept = new List<ScoredMemory>(memories.Count);
            foreach (var m in memories)
            {
                // A memory version is judged once (and audited once), not on every request that injects it; the
                // verdicts expire so a policy edit reaches memories already judged.
                var key = (user.Tenant, user.UserId, m.Memory.Id, m.Memory.UpdatedAt.UtcTicks, m.Memory.Text.Length);
                var now = _time.GetUtcNow();
                if (!_injectVerdicts.TryGetValue(key, out var cached) || now - cached.At > InjectVerdictLifetime)
                {
                    if (_injectVerdicts.Count > MaxInjectVerdicts)
                    {
                        _injectVerdicts.Clear();
                    }

                    cached = (await _guard.CheckAsync(user, m.Memory.Text, MemoryGuardPoint.BeforeInject, requestId, cancellationToken).ConfigureAwait(false), now);
                    _injectVerdicts[key] = cached;
                }

                var decision = cached.Decision;
                if (decision.Allowed)
                {
                    kept.Add(decision.Text == m.Memory.Text ? m : m with { Memory = m.Memory with { Text = decision.Text } });
                }
            }

            return kept;
        }

        return new MemorySelection(await FilterAsync(selection.Profile).ConfigureAwait(false), await FilterAsync(selection.Relevant).ConfigureAwait(false));
    }

    /// <summary>Renders the template; a template that cannot render (a per-key template needing a variable chat
    /// templates do not get) falls back to the built-in one, which always can.</summary>
    private async Task<(CompiledPromptTemplate, PromptVariant, string)> RenderAsync(
        CompiledPromptTemplate template, PromptVariant variant, Dictionary<string, string?> values, MemoryBlock block, CancellationToken cancellationToken)
    {
        values[ChatTemplateVariables.Memories] = block.Text;
        values[ChatTemplateVariables.MemoryCount] = block.Memories.Count.ToString(CultureInfo.InvariantCulture);
        try
        {
            return (template, variant, await template.RenderAsync(variant, values, cancellationToken).ConfigureAwait(false));
        }
        catch (PromptTemplateException e) when (!ReferenceEquals(template, BuiltInChatTemplate.Instance))
        {
            _logger.RenderFailed(template.Name, template.Version, e.Message);
            var builtIn = BuiltInChatTemplate.Instance;
            return (builtIn, builtIn.Main, await builtIn.RenderAsync(builtIn.Main, values, cancellationToken).ConfigureAwait(false));
        }
    }

    private static AssembledPrompt Unpersonalized(ChatRequestContext request, JsonArray messages, int appTokens)
    {
        request.TemplateName = null;
        request.TemplateVersion = null;
        request.Variant = null;
        request.InjectedMemories = [];
        return AssembledPrompt.Unpersonalized(messages, appTokens);
    }
}
