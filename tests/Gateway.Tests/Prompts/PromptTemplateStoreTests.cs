using Gateway.Prompts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Tests.Prompts;

public sealed class PromptTemplateStoreTests : IDisposable
{
    private readonly TempPromptDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private PromptTemplateStore NewStore() => new(_dir.Path, NullLogger<PromptTemplateStore>.Instance);

    [Fact]
    public void Loads_every_yaml_file_in_the_directory_by_file_name()
    {
        _dir.Write("chat.yaml", PromptYaml.Chat);
        _dir.Write("chat.docs.yml", PromptYaml.ChatNamed("DOCS"));
        _dir.Write("greeting.yaml", PromptYaml.Greeting);
        _dir.Write("notes.txt", "not a template");
        _dir.Write(".chat.yaml.swp", "editor junk");

        var catalog = NewStore().Catalog;

        Assert.Equal(["chat", "chat.docs", "greeting"], catalog.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.All(catalog.Entries.Values, e => Assert.True(e.IsHealthy));
        Assert.NotNull(catalog.Find("CHAT.DOCS"));
    }

    [Fact]
    public void Reload_picks_up_an_edit_with_a_new_version()
    {
        _dir.Write("chat.yaml", PromptYaml.Chat);
        var store = NewStore();
        var before = store.Catalog.Find("chat")!.Version;

        _dir.Write("chat.yaml", PromptYaml.ChatNamed("EDITED"));
        var changed = store.Reload();

        Assert.True(changed);
        Assert.NotEqual(before, store.Catalog.Find("chat")!.Version);
    }

    [Fact]
    public void Reload_without_changes_keeps_the_same_snapshot()
    {
        _dir.Write("chat.yaml", PromptYaml.Chat);
        var store = NewStore();
        var catalog = store.Catalog;

        Assert.False(store.Reload());
        Assert.Same(catalog, store.Catalog);
    }

    [Fact]
    public void A_broken_edit_keeps_the_last_good_version_serving_and_reports_the_error()
    {
        _dir.Write("chat.yaml", PromptYaml.Chat);
        var store = NewStore();
        var good = store.Catalog.Find("chat")!;

        _dir.Write("chat.yaml", "name: chat\ntemplate: [unclosed\n  : :\n");
        store.Reload();

        var entry = store.Catalog.Entries["chat"];
        Assert.Same(good, entry.Served);
        Assert.False(entry.IsHealthy);
        Assert.Contains("YAML error", entry.Error, StringComparison.Ordinal);
        Assert.Equal("error", PromptApiMapper.List(store.Catalog).Prompts.Single().Status);
        Assert.Equal(good.Version, PromptApiMapper.List(store.Catalog).Prompts.Single().Version);
    }

    [Fact]
    public void An_edit_using_a_variable_chat_templates_are_not_given_keeps_the_last_good_version()
    {
        _dir.Write("chat.yaml", PromptYaml.Chat);
        var store = NewStore();
        var good = store.Catalog.Find("chat")!;

        _dir.Write("chat.yaml", PromptYaml.Chat.Replace("{{$memories}}", "{{$memory}}", StringComparison.Ordinal));
        store.Reload();

        Assert.Same(good, store.Catalog.Find("chat"));
        Assert.Contains("{{$memory}}", store.Catalog.Entries["chat"].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixing_a_broken_file_clears_the_error()
    {
        _dir.Write("chat.yaml", "template: [");
        var store = NewStore();
        Assert.Null(store.Catalog.Find("chat"));
        // Never loaded: the built-in frame serves, and the listing says so.
        Assert.Equal(BuiltInChatTemplate.Version, PromptApiMapper.List(store.Catalog).Prompts.Single().Version);

        _dir.Write("chat.yaml", PromptYaml.Chat);
        store.Reload();

        Assert.True(store.Catalog.Entries["chat"].IsHealthy);
        Assert.NotNull(store.Catalog.Find("chat"));
    }

    [Fact]
    public void A_deleted_file_is_no_longer_served()
    {
        _dir.Write("chat.yaml", PromptYaml.Chat);
        _dir.Write("greeting.yaml", PromptYaml.Greeting);
        var store = NewStore();

        _dir.Delete("greeting.yaml");
        store.Reload();

        Assert.False(store.Catalog.Entries.ContainsKey("greeting"));
        Assert.NotNull(store.Catalog.Find("chat"));
    }

    [Fact]
    public void Two_files_for_one_template_serve_the_first_and_report_the_clash()
    {
        _dir.Write("chat.yaml", PromptYaml.Chat);
        _dir.Write("chat.yml", PromptYaml.ChatNamed("SHADOW"));

        var store = NewStore();
        var entry = store.Catalog.Entries["chat"];

        Assert.Equal("chat.yaml", entry.FileName);
        Assert.NotNull(entry.Served);
        Assert.Contains("chat.yml is ignored", entry.Error, StringComparison.Ordinal);
        Assert.False(store.Reload());

        _dir.Delete("chat.yml");
        Assert.True(store.Reload());
        Assert.True(store.Catalog.Entries["chat"].IsHealthy);
        Assert.Same(entry.Served, store.Catalog.Find("chat"));
    }

    [Fact]
    public void A_missing_directory_serves_nothing_until_it_appears()
    {
        var path = Path.Combine(_dir.Path, "later");
        var store = new PromptTemplateStore(path, NullLogger<PromptTemplateStore>.Instance);
        Assert.Empty(store.Catalog.Entries);

        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "chat.yaml"), PromptYaml.Chat);
        store.Reload();

        Assert.NotNull(store.Catalog.Find("chat"));
    }

    [Fact]
    public void A_directory_that_vanishes_keeps_what_was_served()
    {
        var path = Path.Combine(_dir.Path, "deploy");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "chat.yaml"), PromptYaml.Chat);
        var store = new PromptTemplateStore(path, NullLogger<PromptTemplateStore>.Instance);

        Directory.Delete(path, recursive: true);
        store.Reload();

        Assert.NotNull(store.Catalog.Find("chat"));
    }

    [Fact]
    public void The_shipped_templates_all_load()
    {
        var shipped = Path.Combine(RepositoryRoot(), "prompts");
        var store = new PromptTemplateStore(shipped, NullLogger<PromptTemplateStore>.Instance);

        Assert.Contains("chat", store.Catalog.Entries.Keys);
        Assert.Contains("guardrail-reask", store.Catalog.Entries.Keys);
        Assert.All(store.Catalog.Entries.Values, e => Assert.True(e.IsHealthy, $"{e.FileName}: {e.Error}"));
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Gateway.sln not found above the test output.");
    }
}
