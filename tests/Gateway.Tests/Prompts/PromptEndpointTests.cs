using System.Net.Http.Json;
using Gateway.Prompts;

namespace Gateway.Tests.Prompts;

public sealed class PromptEndpointTests : IAsyncLifetime
{
    private const string CarolFact = "Carol's allergic to peanuts & tree nuts.";

    private FakeOpenAIUpstream _upstream = null!;
    private PromptGatewayHost _host = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeOpenAIUpstream.StartAsync();
        _host = await PromptGatewayHost.StartAsync(_upstream.BaseUrl);
        _host.Memory.Set(AssemblerHarness.Carol, [TestMemories.Make(CarolFact, 0.95, id: "m-carol")], []);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private static object Body(string user, string content = "snack ideas?") => new
    {
        model = "fake-model",
        user,
        messages = new object[] { new { role = "system", content = "You are SnackBot." }, new { role = "user", content } },
    };

    private async Task<JsonObject> PostJsonAsync(string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await _host.Client.PostAsJsonAsync(path, body);
        Assert.Equal(expected, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task Preview_shows_exactly_what_would_go_upstream_and_sends_nothing()
    {
        var json = await PostJsonAsync("v1/prompts/preview", Body("carol"));

        var messages = json["messages"]!.AsArray();
        Assert.Equal(3, messages.Count);
        Assert.Equal("system", (string?)messages[0]!["role"]);
        Assert.Contains(CarolFact, (string?)messages[0]!["content"], StringComparison.Ordinal);
        Assert.Equal("You are SnackBot.", (string?)messages[1]!["content"]);
        Assert.Equal("snack ideas?", (string?)messages[2]!["content"]);
        var memory = json["memories"]!.AsArray().Single()!.AsObject();
        Assert.Equal(["id", "text", "context", "confidence", "occurredAt", "createdAt", "updatedAt", "validTo", "sources", "metadata"],
            memory.Select(p => p.Key));
        Assert.Equal(CarolFact, (string?)memory["text"]);
        Assert.Equal("chat", (string?)json["template"]!["name"]);
        Assert.Equal(12, ((string?)json["template"]!["version"])!.Length);
        Assert.Empty(_upstream.ChatRequests); // only the startup warm-up's model listing may have reached it
    }

    [Fact]
    public async Task Preview_without_a_user_returns_the_apps_messages_and_no_template()
    {
        var json = await PostJsonAsync("v1/prompts/preview", new { model = "fake-model", messages = new object[] { new { role = "user", content = "hi" } } });

        Assert.Single(json["messages"]!.AsArray());
        Assert.Empty(json["memories"]!.AsArray());
        // The contract's shape holds: a template object, whose name and version say no template framed the call.
        Assert.Equal((null, null), ((string?)json["template"]!["name"], (string?)json["template"]!["version"]));
    }

    /// <summary>The contract: the preview's messages are exactly what would go upstream, and the input guardrails
    /// redact a key and a card number before anything is sent (the contract audit found them shown raw). The preview
    /// records nothing in the audit log.</summary>
    [Fact]
    public async Task Preview_shows_the_input_guardrails_redactions_and_records_nothing()
    {
        const string content = "my key is sk-abcdefghijklmnopqrstuvwxyz123456 and card 4111 1111 1111 1111";
        var audit = _host.Services.GetRequiredService<Guardrails.Audit.IAuditLog>();
        var before = (await audit.QueryAsync(new() { Tenant = "default" })).Count;

        var json = await PostJsonAsync("v1/prompts/preview", Body(AssemblerHarness.Carol.UserId, content));

        var user = json["messages"]!.AsArray().Last(m => (string?)m!["role"] == "user")!;
        var text = (string)user["content"]!;
        Assert.DoesNotContain("4111 1111", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-abcdefghijklmnop", text, StringComparison.Ordinal);
        Assert.Contains("[CARD]", text, StringComparison.Ordinal);
        Assert.Equal(before, (await audit.QueryAsync(new() { Tenant = "default" })).Count);
    }

    [Fact]
    public async Task Preview_of_a_malformed_body_is_a_400_in_openai_shape()
    {
        var json = await PostJsonAsync("v1/prompts/preview", new { model = "fake-model" }, HttpStatusCode.BadRequest);

        Assert.Equal("invalid_messages", (string?)json["error"]!["code"]);
    }

    [Fact]
    public async Task A_chat_reaches_the_upstream_with_the_memory_unaltered_and_the_prompt_version_header()
    {
        using var response = await _host.Client.PostAsJsonAsync("v1/chat/completions", Body("carol", "Can you suggest a snack? [[reply:Try an apple.]]"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = _upstream.ChatRequests.First().Json!;
        var messages = sent["messages"]!.AsArray();
        Assert.Equal("system", (string?)messages[0]!["role"]);
        Assert.Contains(" · high] " + CarolFact + "\n", (string?)messages[0]!["content"], StringComparison.Ordinal);
        Assert.Equal("You are SnackBot.", (string?)messages[1]!["content"]);
        var version = _host.Services.GetRequiredService<PromptTemplateStore>().Catalog.Find("chat")!.Version;
        Assert.StartsWith(version, response.Headers.GetValues("X-Prompt-Version").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_shows_each_template_and_a_broken_edit_with_its_error_while_the_last_good_serves()
    {
        var store = _host.Services.GetRequiredService<PromptTemplateStore>();
        var good = store.Catalog.Find("chat")!.Version;
        _host.Prompts.Write("chat.yaml", "name: chat\ntemplate: [unclosed\n  : :\n");
        store.Reload();

        var json = await _host.Client.GetFromJsonAsync<JsonObject>("v1/prompts");

        var chat = json!["prompts"]!.AsArray().Single(p => (string?)p!["name"] == "chat")!;
        Assert.Equal("error", (string?)chat["status"]);
        Assert.Equal(good, (string?)chat["version"]);
        Assert.Contains("YAML error", (string?)chat["error"], StringComparison.Ordinal);
        var preview = await PostJsonAsync("v1/prompts/preview", Body("carol"));
        Assert.Equal(good, (string?)preview["template"]!["version"]);
    }

    /// <summary>A tag a prompt engineer left open is a broken edit: Semantic Kernel reads an unclosed <c>{{</c> as plain
    /// text, so the edit served the literal <c>{{$memories</c> and no memory reached the model, while
    /// <c>GET /v1/prompts</c> said <c>ok</c>.</summary>
    [Theory]
    [InlineData("  EDITED {{$memories\n")]
    [InlineData("  EDITED {{$memories}\n")]
    [InlineData("  EDITED {{$memories}} for {{ $context\n")]
    public async Task An_unclosed_tag_is_a_broken_edit_and_the_last_good_version_serves(string templateLine)
    {
        var store = _host.Services.GetRequiredService<PromptTemplateStore>();
        var good = store.Catalog.Find("chat")!.Version;
        _host.Prompts.Write("chat.yaml", "name: chat\ntemplate_format: semantic-kernel\ntemplate: |\n" + templateLine);
        store.Reload();

        var json = await _host.Client.GetFromJsonAsync<JsonObject>("v1/prompts");

        var chat = json!["prompts"]!.AsArray().Single(p => (string?)p!["name"] == "chat")!;
        Assert.Equal("error", (string?)chat["status"]);
        Assert.Equal(good, (string?)chat["version"]);
        Assert.Contains("{{", (string?)chat["error"], StringComparison.Ordinal);
        var preview = await PostJsonAsync("v1/prompts/preview", Body("carol"));
        Assert.Equal(good, (string?)preview["template"]!["version"]);
        var system = (string)preview["messages"]![0]!["content"]!;
        Assert.DoesNotContain("EDITED", system, StringComparison.Ordinal);
        Assert.Contains(CarolFact, system, StringComparison.Ordinal);
    }

    /// <summary>Semantic Kernel's shape lets <c>input_variables</c> be left out: a template that only uses the
    /// variables gets them all (the contract audit found every undeclared variable rendered blank, so the memories never
    /// reached the model).</summary>
    [Fact]
    public async Task A_template_without_input_variables_gets_every_variable_it_uses()
    {
        var store = _host.Services.GetRequiredService<PromptTemplateStore>();
        _host.Prompts.Write("chat.yaml", "name: chat\ntemplate: |\n  MARK user={{$user_id}} ctx={{$context}} now={{$now}}\n  {{$memories}}\n");
        store.Reload();

        var json = await PostJsonAsync("v1/prompts/preview", Body("carol"));

        var system = (string)json["messages"]![0]!["content"]!;
        // user_id is the id the app sent (the contract's variable), whatever Upstream:ForwardUser puts in the body.
        Assert.StartsWith("MARK user=carol ctx=chat now=20", system, StringComparison.Ordinal);
        Assert.Contains(CarolFact, system, StringComparison.Ordinal);
        Assert.Single(json["memories"]!.AsArray());
    }

    /// <summary>Ids and contexts that are not plain identifiers arrive quoted; the shipped template put quotes of its
    /// own around the context, so the contract audit saw <c>in the ""docs search"" feature</c>.</summary>
    [Theory]
    [InlineData("docs", "in the docs feature")]
    [InlineData("docs search", "in the \"docs search\" feature")]
    public async Task The_shipped_template_shows_the_context_once_quoted(string context, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/prompts/preview") { Content = JsonContent.Create(Body("carol")) };
        request.Headers.Add("X-Memory-Context", context);
        using var response = await _host.Client.SendAsync(request);
        var json = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        var system = (string)json["messages"]![0]!["content"]!;
        Assert.Contains(expected, system, StringComparison.Ordinal);
        Assert.DoesNotContain("\"\"", system, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_list_every_declared_variant_and_404_for_unknown_templates()
    {
        var store = _host.Services.GetRequiredService<PromptTemplateStore>();
        _host.Prompts.Write("chat.yaml", PromptYaml.Chat + "\nvariants:\n  - name: a\n    weight: 1\n  - name: b\n    weight: 1\n");
        store.Reload();
        using var chat = await _host.Client.PostAsJsonAsync("v1/chat/completions", Body("carol", "hi [[reply:ok]]"));
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);

        var json = await _host.Client.GetFromJsonAsync<JsonObject>("v1/prompts/chat/stats");

        var variants = json!["variants"]!.AsArray();
        Assert.Equal(["a", "b"], variants.Select(v => (string?)v!["variant"]));
        Assert.Equal(1, variants.Sum(v => (long)v!["requests"]!));
        using var missing = await _host.Client.GetAsync("v1/prompts/nope/stats");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
