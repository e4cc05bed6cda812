using System.Text;

namespace Gateway.Tests.MemoryApi;

/// <summary>Looks for a text in the raw bytes of every file under a directory (SQLite files, their -wal and -shm,
/// caches: whatever is there), as UTF-8 and UTF-16, reading alongside the gateway's open handles.</summary>
public static class DataDirectoryScan
{
    public static List<string> FilesContaining(string directory, string text)
    {
        var patterns = new[] { Encoding.UTF8.GetBytes(text), Encoding.Unicode.GetBytes(text) };
        var found = new List<string>();
        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }
            catch (FileNotFoundException)
            {
                continue; // removed while listing (a -wal or -journal that came and went)
            }

            if (patterns.Any(p => bytes.AsSpan().IndexOf(p) >= 0))
            {
                found.Add(Path.GetRelativePath(directory, path));
            }
        }

        return found;
    }
}
