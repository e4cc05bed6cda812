using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Prompts;

/// <summary>Keeps the template store in step with the directory: a file watcher triggers a reload after a short
/// quiet period (editors write in bursts), and a poll re-reads the directory regardless, because watchers miss
/// events (network mounts, containers, inotify limits). A reload that throws leaves the served templates as they were.</summary>
internal sealed class PromptReloadService : BackgroundService
{
    /// <summary>However busy the directory, a reload happens at least this soon after the first event.</summary>
    private static readonly TimeSpan MaxDebounce = TimeSpan.FromSeconds(1);

    private readonly PromptTemplateStore _store;
    private readonly PromptOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile bool _watcherFailed;

    public PromptReloadService(PromptTemplateStore store, IOptions<PromptOptions> options, TimeProvider time, ILogger<PromptReloadService> logger)
    {
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(_options.PollIntervalMilliseconds);
        var debounce = TimeSpan.FromMilliseconds(_options.DebounceMilliseconds);
        using var signal = new SemaphoreSlim(0);
        FileSystemWatcher? watcher = null;
        var watcherReported = false;
        _logger.DirectoryWatched(_store.Directory, _options.PollIntervalMilliseconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (_watcherFailed && watcher is not null)
                {
                    // The watcher overflowed or lost its directory: start a fresh one; the poll covers the gap.
                    watcher.Dispose();
                    watcher = null;
                    _watcherFailed = false;
                }

                watcher ??= TryWatch(signal, ref watcherReported);
                if (await signal.WaitAsync(poll, stoppingToken).ConfigureAwait(false))
                {
                    var started = _time.GetTimestamp();
                    while (_time.GetElapsedTime(started) < MaxDebounce &&
                           await signal.WaitAsync(debounce, stoppingToken).ConfigureAwait(false))
                    {
                    }
                }

                ReloadSafely();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            watcher?.Dispose();
        }
    }

    private void ReloadSafely()
    {
        try
        {
            _store.Reload();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.ReloadFailed(e);
        }
    }

    private FileSystemWatcher? TryWatch(SemaphoreSlim signal, ref bool reported)
    {
        if (!Directory.Exists(_store.Directory))
        {
            return null;
        }

        FileSystemWatcher? watcher = null;
        try
        {
            watcher = new FileSystemWatcher(_store.Directory)
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, _) => Signal(signal);
            watcher.Created += (_, _) => Signal(signal);
            watcher.Deleted += (_, _) => Signal(signal);
            watcher.Renamed += (_, _) => Signal(signal);
            watcher.Error += (_, _) =>
            {
                _watcherFailed = true;
                Signal(signal);
            };
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            watcher?.Dispose();
            if (!reported)
            {
                reported = true;
                _logger.WatcherUnavailable(e.GetType().Name, _options.PollIntervalMilliseconds);
            }

            return null;
        }
    }

    private static void Signal(SemaphoreSlim signal)
    {
        try
        {
            signal.Release();
        }
        catch (ObjectDisposedException)
        {
            // Stopping: the loop is gone.
        }
    }
}
