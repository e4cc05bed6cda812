using Memory.Abstractions;
using Memory.Retrieval;
using Memory.Stores;
using Memory.Tests.WriteBack.Fakes;
using Memory.WriteBack;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TestDoubles;

namespace Memory.Tests.WriteBack;

/// <summary>The write-back wired through <c>AddMemoryWriteBack</c> with hand-written fakes and a real SQLite
/// outbox in a temp folder. Several harnesses may share one folder and store to simulate a restart.</summary>
internal sealed class WriteBackHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly bool _ownsDirectory;

    public WriteBackHarness(
        string mode = "heuristic",
        IDictionary<string, string?>? settings = null,
        string? directory = null,
        InMemoryMemoryStore? store = null,
        FakeChatClient? chat = null,
        IMemoryContentGuard? guard = null,
        FakeTimeProvider? time = null,
        Action<IServiceCollection>? configure = null)
    {
        _ownsDirectory = directory is null;
        Directory = directory ?? Path.Combine(Path.GetTempPath(), "wb-tests-" + Guid.NewGuid().ToString("N"));
        Store = store ?? new InMemoryMemoryStore();
        Chat = chat;
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2025, 1, 2, 9, 0, 0, TimeSpan.Zero));

        var values = new Dictionary<string, string?>
        {
            ["Storage:Directory"] = Directory,
            ["Memory:Extraction:Mode"] = mode,
            ["Memory:WriteBack:InitialBackoff"] = "00:00:05",
            ["Memory:WriteBack:QuietPeriod"] = "00:00:00",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            values[k] = v;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IMemoryStore>(Store);
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(Embedder);
        services.AddSingleton<IMemoryRetriever>(Retriever);
        services.AddSingleton<IPromptRenderer>(Renderer);
        if (chat is not null)
        {
            services.AddSingleton<IChatClient>(chat);
        }

        if (guard is not null)
        {
            services.AddSingleton(guard);
        }

        configure?.Invoke(services); // before the defaults, which are TryAdd: a test's registration wins
        services.AddMemoryWriteBack(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public string Directory { get; }
    public InMemoryMemoryStore Store { get; }
    public FakeChatClient? Chat { get; }
    public FakeTimeProvider Time { get; }
    /// <summary>Model id of <see cref="Embedder"/>.</summary>
    public const string EmbeddingModel = "fake-embed";

    public FakeEmbeddingGenerator Embedder { get; } = new(EmbeddingModel, 256);
    public RecordingRetriever Retriever { get; } = new();
    public TemplateFilePromptRenderer Renderer { get; } = new();

    public IServiceProvider Services => _services;
    public IConversationOutbox Outbox => _services.GetRequiredService<IConversationOutbox>();
    public IWriteBackAdmin Admin => _services.GetRequiredService<IWriteBackAdmin>();
    public WriteBackWorker Worker => _services.GetRequiredService<WriteBackWorker>();

    /// <summary>Runs worker passes until a pass claims nothing.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        while (await Worker.RunPassAsync(cancellationToken) > 0)
        {
        }
    }

    /// <summary>Enqueues the turn and drains.</summary>
    public async Task SayAsync(ConversationTurn turn)
    {
        await Outbox.EnqueueAsync(turn);
        await DrainAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_ownsDirectory)
        {
            DeleteDirectory(Directory);
        }
    }

    public static void DeleteDirectory(string directory)
    {
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }
}
