namespace Benchmarks.Extraction;

/// <summary>Options of the <c>extraction</c> command: <c>[--base-url URL --model M [--api-key K]
/// [--response-format schema|json]] [--set PATH | --conversations DIR] [--prompts DIR] [--split dev|heldout] [--failures]</c>.</summary>
internal sealed record ExtractionSettings
{
    public string? BaseUrl { get; init; }
    public string? Model { get; init; }
    public string? ApiKey { get; init; }
    public string ResponseFormat { get; init; } = "schema";
    public string? SetPath { get; init; }

    /// <summary>LoCoMo conversations whose every turn is run through the extractor (nothing is expected).</summary>
    public string? ConversationsDirectory { get; init; }
    public string? PromptsDirectory { get; init; }
    public string? Split { get; init; }
    public bool ShowFailures { get; init; }

    /// <summary>The settings, or an error message for the command line.</summary>
    public static (ExtractionSettings? Settings, string? Error) Parse(IReadOnlyList<string> args)
    {
        var s = new ExtractionSettings();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--failures")
            {
                s = s with { ShowFailures = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                return (null, $"{arg} needs a value");
            }

            var value = args[++i];
            switch (arg)
            {
                case "--base-url": s = s with { BaseUrl = value }; break;
                case "--model": s = s with { Model = value }; break;
                case "--api-key": s = s with { ApiKey = value }; break;
                case "--response-format" when value is "schema" or "json": s = s with { ResponseFormat = value }; break;
                case "--set": s = s with { SetPath = value }; break;
                case "--conversations": s = s with { ConversationsDirectory = value }; break;
                case "--prompts": s = s with { PromptsDirectory = value }; break;
                case "--split" when value is "dev" or "heldout": s = s with { Split = value }; break;
                default: return (null, $"unknown option or value: {arg} {value}");
            }
        }

        if (s.BaseUrl is not null && !Uri.TryCreate(s.BaseUrl, UriKind.Absolute, out _))
        {
            return (null, $"--base-url is not an absolute URL: {s.BaseUrl}");
        }

        if (s.SetPath is not null && s.ConversationsDirectory is not null)
        {
            return (null, "--set and --conversations exclude each other");
        }

        if (s.BaseUrl is not null && string.IsNullOrWhiteSpace(s.Model))
        {
            return (null, "--base-url needs --model");
        }

        return (s, null);
    }

    /// <summary><paramref name="relative"/> found in the current directory or above it, or above the binaries.</summary>
    public static string? FindUp(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate) || Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
