namespace Gateway.Tests.Prompts;

/// <summary>A temp folder of template files, deleted afterwards.</summary>
internal sealed class TempPromptDirectory : IDisposable
{
    public TempPromptDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "prompts-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string fileName, string content)
    {
        var path = System.IO.Path.Combine(Path, fileName);
        File.WriteAllText(path, content);
        return path;
    }

    public void Delete(string fileName) => File.Delete(System.IO.Path.Combine(Path, fileName));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
