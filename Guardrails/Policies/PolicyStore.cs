using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Guardrails.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Guardrails.Policies;

/// <summary>Loads the policy files, keeps the last good version of each when an edit breaks it, and reloads
/// them live: a file watcher (debounced) plus polling in case notifications are lost. The effective policy of a
/// request is <c>default</c> ⊕ <c>key.&lt;keyId&gt;</c> ⊕ <c>context.&lt;context&gt;</c>.</summary>
internal sealed class PolicyStore : IGuardrailPolicies, IDisposable
{
    public const string DefaultName = "default";
    private const string BuiltInResource = "Guardrails.default-policy.yaml";

    private readonly string _directory;
    private readonly TimeProvider _time;
    private readonly ILogger<PolicyStore> _logger;
    private readonly TimeSpan _debounce;
    private readonly TimeSpan _checkTimeout;
    private readonly Lock _reloadLock = new();
    private readonly ConcurrentDictionary<(int Generation, string Key, string Context), GuardrailPolicy> _cache = new();
    private readonly ITimer _pollTimer;
    private readonly ITimer _debounceTimer;
    private readonly (PolicyDocument Document, string Version) _builtIn;
    private FileSystemWatcher? _watcher;
    private Snapshot _snapshot = new(new Dictionary<string, LoadedFile>(StringComparer.OrdinalIgnoreCase));
    private bool _missingReported;

    public PolicyStore(IOptions<GuardrailsOptions> options, TimeProvider time, ILogger<PolicyStore> logger)
    {
        var settings = options.Value;
        _directory = Path.GetFullPath(settings.PoliciesDirectory ?? Path.Combine("prompts", "policies"));
        _time = time;
        _logger = logger;
        _debounce = TimeSpan.FromMilliseconds(Math.Max(0, settings.PolicyDebounceMilliseconds));
        _checkTimeout = TimeSpan.FromMilliseconds(Math.Max(1, settings.CheckTimeoutMilliseconds));
        _builtIn = LoadBuiltIn();
        Reload();
        _debounceTimer = time.CreateTimer(_ => SafeReload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var poll = TimeSpan.FromSeconds(Math.Max(1, settings.PolicyPollSeconds));
        _pollTimer = time.CreateTimer(_ => SafeReload(), null, poll, poll);
        StartWatcher();
    }

    /// <summary>Bumped on every change that alters what serves.</summary>
    public int Generation => _snapshot.Generation;

    public IReadOnlyList<GuardrailPolicyFileStatus> Files =>
        _snapshot.Files.Values
            .Select(f => new GuardrailPolicyFileStatus(f.Name, f.Version, f.Error is null ? "ok" : "error", f.Error))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

    public GuardrailPolicyInfo Describe(GuardrailRequestContext context)
    {
        var policy = Resolve(context.KeyId, context.Context);
        return new GuardrailPolicyInfo(policy.Version, policy.ReaskMaxAttempts, policy.MaxOutputChars);
    }

    /// <summary>The effective policy for a key and a context.</summary>
    public GuardrailPolicy Resolve(string? keyId, string? context)
    {
        var snapshot = _snapshot;
        var keyName = string.IsNullOrEmpty(keyId) ? null : $"key.{keyId}";
        var contextName = string.IsNullOrEmpty(context) ? null : $"context.{context}";
        var hasKey = keyName is not null && snapshot.Files.TryGetValue(keyName, out var k) && k.Document is not null;
        var hasContext = contextName is not null && snapshot.Files.TryGetValue(contextName, out var c) && c.Document is not null;

        // Only combinations that have override files are cached, so arbitrary context headers cannot grow the
        // cache; the generation in the key keeps a policy built from an older snapshot from outliving a reload.
        var cacheKey = (snapshot.Generation, hasKey ? keyName! : string.Empty, hasContext ? contextName! : string.Empty);
        return _cache.GetOrAdd(cacheKey, static (key, state) => state.Self.Build(state.Snapshot, key.Item2, key.Item3), (Self: this, Snapshot: snapshot));
    }

    private GuardrailPolicy Build(Snapshot snapshot, string keyName, string contextName)
    {
        var layers = new List<(string, PolicyDocument)>();
        if (snapshot.Files.TryGetValue(DefaultName, out var defaultFile) && defaultFile.Document is not null)
        {
            layers.Add(($"{DefaultName}@{defaultFile.Version}", defaultFile.Document));
        }
        else
        {
            layers.Add(($"{DefaultName}@builtin-{_builtIn.Version}", _builtIn.Document));
        }

        foreach (var name in new[] { keyName, contextName })
        {
            if (name.Length > 0 && snapshot.Files.TryGetValue(name, out var file) && file.Document is not null)
            {
                layers.Add(($"{name}@{file.Version}", file.Document));
            }
        }

        return GuardrailPolicy.Merge(layers).WithCheckTimeout(_checkTimeout, _time);
    }

    public void Reload()
    {
        lock (_reloadLock)
        {
            var previous = _snapshot.Files;
            var next = new Dictionary<string, LoadedFile>(StringComparer.OrdinalIgnoreCase);
            var changed = false;
            if (!Directory.Exists(_directory))
            {
                if (!_missingReported)
                {
                    GuardrailsLog.PoliciesDirectoryMissing(_logger, _directory);
                    _missingReported = true;
                }
            }
            else
            {
                _missingReported = false;
                foreach (var path in Directory.EnumerateFiles(_directory).Where(IsPolicyFile).Order(StringComparer.Ordinal))
                {
                    var name = Path.GetFileNameWithoutExtension(path);
                    if (next.ContainsKey(name))
                    {
                        continue; // default.yaml wins over default.yml
                    }

                    previous.TryGetValue(name, out var old);
                    var loaded = Load(path, name, old);
                    next[name] = loaded;
                    changed |= !ReferenceEquals(loaded, old);
                }
            }

            foreach (var name in previous.Keys.Where(n => !next.ContainsKey(n)))
            {
                GuardrailsLog.PolicyRemoved(_logger, name);
                changed = true;
            }

            if (changed)
            {
                _snapshot = new Snapshot(next, _snapshot.Generation + 1);
                _cache.Clear();
            }
        }
    }

    private LoadedFile Load(string path, string name, LoadedFile? old)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            // Mid-write or locked: keep what serves; the next poll tries again.
            return old ?? new LoadedFile(name, null, null, null, $"cannot read file: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            return old ?? new LoadedFile(name, null, null, null, $"cannot read file: {ex.Message}");
        }

        var hash = Hash(text);
        if (old is not null && old.DiskHash == hash)
        {
            return old;
        }

        var document = PolicyParser.TryParse(text, out var error);
        if (document is null)
        {
            GuardrailsLog.PolicyRejected(_logger, name, error ?? "invalid");
            return new LoadedFile(name, old?.Document, old?.Version, hash, error ?? "invalid");
        }

        GuardrailsLog.PolicyLoaded(_logger, name, hash);
        return new LoadedFile(name, document, hash, hash, null);
    }

    private void StartWatcher()
    {
        if (!Directory.Exists(_directory))
        {
            return;
        }

        try
        {
            _watcher = new FileSystemWatcher(_directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            _watcher.Changed += (_, _) => ScheduleReload();
            _watcher.Created += (_, _) => ScheduleReload();
            _watcher.Deleted += (_, _) => ScheduleReload();
            _watcher.Renamed += (_, _) => ScheduleReload();
            _watcher.Error += (_, e) => GuardrailsLog.PolicyWatchFailed(_logger, e.GetException());
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            GuardrailsLog.PolicyWatchFailed(_logger, ex);
            _watcher?.Dispose();
            _watcher = null;
        }
    }

    private void ScheduleReload() => _debounceTimer.Change(_debounce, Timeout.InfiniteTimeSpan);

    private void SafeReload()
    {
        try
        {
            Reload();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            GuardrailsLog.PolicyReloadFailed(_logger, ex);
        }
    }

    private static bool IsPolicyFile(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];

    private static (PolicyDocument, string) LoadBuiltIn()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(BuiltInResource)
            ?? throw new InvalidOperationException($"The built-in policy resource {BuiltInResource} is missing.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var document = PolicyParser.TryParse(text, out var error)
            ?? throw new InvalidOperationException($"The built-in default policy is invalid: {error}");
        return (document, Hash(text));
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _pollTimer.Dispose();
        _debounceTimer.Dispose();
    }

    private sealed record LoadedFile(string Name, PolicyDocument? Document, string? Version, string? DiskHash, string? Error);

    private sealed record Snapshot(Dictionary<string, LoadedFile> Files, int Generation = 0);
}
