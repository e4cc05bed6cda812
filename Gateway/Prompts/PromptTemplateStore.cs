using System.Text;
using Microsoft.Extensions.Logging;

namespace Gateway.Prompts;

/// <summary>Holds the templates loaded from the prompts directory. <see cref="Reload"/> re-reads the directory,
/// recompiles only the files whose content changed, and swaps in a new immutable <see cref="PromptCatalog"/>;
/// a file that fails to load keeps its last good version serving and carries the error instead.</summary>
internal sealed class PromptTemplateStore
{
    /// <summary>Larger files are refused: a template is a page of text, not a data set.</summary>
    public const int MaxFileBytes = 1 << 20;

    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private PromptCatalog _catalog = PromptCatalog.Empty;
    private bool _reportedMissingDirectory;

    public PromptTemplateStore(string directory, ILogger<PromptTemplateStore> logger)
    {
        Directory = Path.GetFullPath(directory);
        _logger = logger;
        Reload();
    }

    /// <summary>The absolute directory the templates are read from.</summary>
    public string Directory { get; }

    /// <summary>The current snapshot; never null, never changes under a reader.</summary>
    public PromptCatalog Catalog => Volatile.Read(ref _catalog);

    /// <summary>Re-reads the directory; returns whether anything served or reported changed.</summary>
    public bool Reload()
    {
        lock (_gate)
        {
            var current = _catalog;
            if (!System.IO.Directory.Exists(Directory))
            {
                if (!_reportedMissingDirectory)
                {
                    _reportedMissingDirectory = true;
                    _logger.DirectoryMissing(Directory);
                }

                // A directory that vanished mid-deploy keeps what was being served.
                return false;
            }

            _reportedMissingDirectory = false;
            var next = new Dictionary<string, PromptTemplateEntry>(StringComparer.OrdinalIgnoreCase);
            foreach (var path in TemplateFiles())
            {
                var name = Path.GetFileNameWithoutExtension(path);
                var fileName = Path.GetFileName(path);
                if (next.TryGetValue(name, out var first))
                {
                    // chat.yaml and chat.yml: the first (sorted) one serves; the clash is reported on it.
                    next[name] = first with { Error = $"{fileName} is ignored: {first.FileName} defines the same template." };
                    continue;
                }

                current.Entries.TryGetValue(name, out var previous);
                next[name] = Load(name, fileName, path, previous);
            }

            foreach (var removed in current.Entries.Keys.Where(k => !next.ContainsKey(k)))
            {
                _logger.TemplateRemoved(removed);
            }

            // Entries are records: equal when file, content hash, served template and error are the same.
            var changed = !current.DirectoryExists || next.Count != current.Entries.Count ||
                          next.Any(kv => !current.Entries.TryGetValue(kv.Key, out var was) || was != kv.Value);
            if (changed)
            {
                Volatile.Write(ref _catalog, new PromptCatalog(next, directoryExists: true));
            }

            return changed;
        }
    }

    private IEnumerable<string> TemplateFiles()
    {
        string[] files;
        try
        {
            files = System.IO.Directory.GetFiles(Directory);
        }
        catch (IOException)
        {
            return [];
        }

        return files
            .Where(f => !Path.GetFileName(f).StartsWith('.') &&
                        (f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)))
            .OrderBy(f => f, StringComparer.Ordinal);
    }

    private PromptTemplateEntry Load(string name, string fileName, string path, PromptTemplateEntry? previous)
    {
        byte[] content;
        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxFileBytes)
            {
                return Failed(name, fileName, "size:" + info.Length, previous, $"The file is larger than {MaxFileBytes} bytes.");
            }

            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Mid-write or briefly locked: keep what we had and look again on the next pass.
            return previous ?? new PromptTemplateEntry(name, fileName, string.Empty, null, "The file could not be read: " + e.GetType().Name);
        }

        var hash = PromptTemplateCompiler.VersionOf(content);
        if (previous is not null && previous.ContentHash == hash && previous.FileName == fileName)
        {
            // Same bytes, same outcome; a clash note from the last pass is recomputed by the caller.
            return previous.Served?.Version == hash ? previous with { Error = null } : previous;
        }

        var text = Encoding.UTF8.GetString(content).TrimStart('\uFEFF');
        var result = PromptTemplateCompiler.Compile(name, text, hash);
        if (result.Template is { } template)
        {
            _logger.TemplateLoaded(name, template.Version);
            return new PromptTemplateEntry(name, fileName, hash, template, null);
        }

        return Failed(name, fileName, hash, previous, result.Error!);
    }

    private PromptTemplateEntry Failed(string name, string fileName, string hash, PromptTemplateEntry? previous, string error)
    {
        if (previous is not null && previous.ContentHash == hash && previous.Error == error)
        {
            return previous;
        }

        var served = previous?.Served;
        _logger.TemplateLoadFailed(name, error, served?.Version ?? "none");
        return new PromptTemplateEntry(name, fileName, hash, served, error);
    }
}
