using System.Text.Json.Nodes;
using Gateway.Auth;
using Gateway.Pipeline;
using Gateway.Prompts;
using Memory.Configuration;
using Memory.Model;
using Memory.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Prompts;

/// <summary>A prompt assembler over a temp template folder, a fake memory service and the real tiktoken counter.</summary>
internal sealed class AssemblerHarness : IDisposable
{
    public AssemblerHarness(bool writeChat = true)
    {
        if (writeChat)
        {
            Directory.Write("chat.yaml", PromptYaml.Chat);
        }

        Store = new PromptTemplateStore(Directory.Path, NullLogger<PromptTemplateStore>.Instance);
        Window = new ContextWindowBudget(Counter, PromptOptions);
        Assembler = new PromptAssembler(Store, new PromptTemplateSelector(NullLogger<PromptTemplateSelector>.Instance), Memory, Counter, Window,
            MemoryOptions, Time, NullLogger<PromptAssembler>.Instance);
    }

    public TempPromptDirectory Directory { get; } = new();

    public FakeMemoryService Memory { get; } = new();

    public ITokenCounter Counter { get; } = new TiktokenTokenCounter();

    public FakeTimeProvider Time { get; } = new(TestMemories.Now);

    public StaticOptionsMonitor<MemoryOptions> MemoryOptions { get; } = new(new MemoryOptions { TokenBudget = 600 });

    public StaticOptionsMonitor<PromptOptions> PromptOptions { get; } = new(new PromptOptions());

    public PromptTemplateStore Store { get; }

    public ContextWindowBudget Window { get; }

    public PromptAssembler Assembler { get; }

    public static UserKey Carol { get; } = new("default", "carol");

    public static ChatRequestContext Request(string? user = "carol", string context = "chat", string? keyTemplate = null, string tenant = "default", string model = "gpt-4o-mini") => new()
    {
        RequestId = "req-1",
        Caller = new CallerIdentity(tenant, keyTemplate is null ? null : "key-1", new HashSet<string> { Scope.Chat }, keyTemplate),
        UserId = user,
        MemoryContext = context,
        Model = model,
        Canary = "mem-0123456789ab",
    };

    public static JsonArray Messages(params (string Role, string Content)[] messages) =>
        new(messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role, ["content"] = m.Content }).ToArray());

    public Task<AssembledPrompt> AssembleAsync(ChatRequestContext request, JsonArray messages) => Assembler.AssembleAsync(request, messages);

    public void Dispose() => Directory.Dispose();
}
