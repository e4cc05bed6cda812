using System.Text;
using Microsoft.Data.Sqlite;

namespace TestDoubles;

/// <summary>A fresh folder under the system temp path for real files (SQLite databases, models, policies),
/// deleted on dispose with any pooled SQLite handles released first. The one temp-folder helper of the test
/// projects.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gateway-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A path under the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A path under the folder, from several parts.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>The files under the folder whose raw bytes contain <paramref name="text"/> (UTF-8 or UTF-16).</summary>
    public IReadOnlyList<string> FilesContaining(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var utf16 = Encoding.Unicode.GetBytes(text);
        var hits = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }
            catch (FileNotFoundException)
            {
                continue; // removed while listing (a -wal that a checkpoint deleted): it holds nothing any more
            }

            if (bytes.AsSpan().IndexOf(utf8) >= 0 || bytes.AsSpan().IndexOf(utf16) >= 0)
            {
                hits.Add(System.IO.Path.GetFileName(file));
            }
        }

        return hits;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a watcher or another test's pool may hold a handle for a moment; the OS temp cleaner gets it.
        }
    }
}
