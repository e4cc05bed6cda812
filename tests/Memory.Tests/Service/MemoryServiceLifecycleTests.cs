using Memory.Embeddings;
using Memory.Model;
using Memory.Stores;
using Memory.Tests.Support;

namespace Memory.Tests.Service;

public sealed class MemoryServiceLifecycleTests : IDisposable
{
    private static readonly UserKey Alice = new("acme", "alice");
    private static readonly UserKey Bob = new("acme", "bob");
    private static readonly UserKey AliceElsewhere = new("globex", "alice");
    private readonly MemoryHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Patch_changes_only_the_given_fields_re_embeds_new_text_and_records_history()
    {
        var id = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice lives in Lyon.", Context = "chat", Confidence = 0.7, Sources = ["m1"] }], null))[0].Id;
        _h.Time.Advance(TimeSpan.FromMinutes(3));

        var patched = await _h.Service.PatchAsync(Alice, id, new MemoryPatch { Text = "Alice lives in Marseille.", Confidence = 0.9 }, "key-9");

        Assert.NotNull(patched);
        Assert.Equal("Alice lives in Marseille.", patched.Text);
        Assert.Equal(0.9, patched.Confidence);
        Assert.Equal("chat", patched.Context);
        Assert.Equal(["m1"], patched.Sources);
        Assert.Equal(_h.Time.GetUtcNow(), patched.UpdatedAt);
        Assert.Null(patched.Embedding);
        var stored = await _h.Store.GetAsync(Alice, id);
        Assert.Equal(_h.Embedder.Embed("Alice lives in Marseille."), stored?.Embedding);
        var update = (await _h.Service.GetHistoryAsync(Alice, id))[^1];
        Assert.Equal(MemoryEvent.Update, update.Event);
        Assert.Equal("Alice lives in Lyon.", update.Before?.Text);
        Assert.Equal("Alice lives in Marseille.", update.After?.Text);
        Assert.Equal("key-9", update.Actor);
    }

    [Fact]
    public async Task Patch_replaces_sources_and_metadata_when_given()
    {
        var id = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice knits.", Sources = ["m1"], Metadata = new Dictionary<string, string> { ["a"] = "1" } }], null))[0].Id;

        var patched = await _h.Service.PatchAsync(Alice, id, new MemoryPatch { Sources = ["m9"], Metadata = new Dictionary<string, string> { ["b"] = "2" } }, null);

        Assert.Equal(["m9"], patched?.Sources);
        Assert.Equal(new Dictionary<string, string> { ["b"] = "2" }, patched?.Metadata);
    }

    [Fact]
    public async Task A_patch_that_changes_nothing_records_nothing()
    {
        var id = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice knits.", Confidence = 0.6 }], null))[0].Id;

        var patched = await _h.Service.PatchAsync(Alice, id, new MemoryPatch { Confidence = 0.6 }, null);

        Assert.Equal(0.6, patched?.Confidence);
        Assert.Single(await _h.Service.GetHistoryAsync(Alice, id));
    }

    [Fact]
    public async Task Patch_of_an_unknown_or_another_users_memory_returns_null()
    {
        var id = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice knits." }], null))[0].Id;

        Assert.Null(await _h.Service.PatchAsync(Alice, Guid.NewGuid().ToString(), new MemoryPatch { Text = "x" }, null));
        Assert.Null(await _h.Service.PatchAsync(Bob, id, new MemoryPatch { Text = "hijacked" }, null));
        Assert.Equal("Alice knits.", (await _h.Service.GetAsync(Alice, id))?.Text);
    }

    [Fact]
    public async Task Patch_validates_its_fields()
    {
        var id = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice knits." }], null))[0].Id;

        await Assert.ThrowsAsync<MemoryValidationException>(() => _h.Service.PatchAsync(Alice, id, new MemoryPatch { Text = "" }, null));
        await Assert.ThrowsAsync<MemoryValidationException>(() => _h.Service.PatchAsync(Alice, id, new MemoryPatch { Confidence = 2 }, null));
    }

    [Fact]
    public async Task Delete_removes_the_memory_from_get_list_and_search_and_history_keeps_a_delete()
    {
        var results = await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice skis." }, new NewMemory { Text = "Alice sails." }], null);

        Assert.True(await _h.Service.DeleteAsync(Alice, results[0].Id, "key-1"));

        Assert.Null(await _h.Service.GetAsync(Alice, results[0].Id));
        Assert.Equal([results[1].Id], (await _h.Service.ListAsync(Alice, includeSuperseded: true)).Select(m => m.Id));
        Assert.Empty(await _h.Service.SearchAsync(Alice, new MemorySearchRequest { Query = "skis" }));
        Assert.DoesNotContain(
            await _h.Store.SearchAsync(Alice, _h.Embedder.Embed("Alice skis."), "fake-embedder", MemoryFilter.Current, 5),
            h => h.Memory.Id == results[0].Id);
        Assert.Equal([MemoryEvent.Add, MemoryEvent.Delete], (await _h.Service.GetHistoryAsync(Alice, results[0].Id)).Select(h => h.Event));
        Assert.False(await _h.Service.DeleteAsync(Alice, results[0].Id, "key-1"));
    }

    [Fact]
    public async Task Consent_is_true_until_withdrawn()
    {
        Assert.True(await _h.Service.GetConsentAsync(Alice));

        await _h.Service.SetConsentAsync(Alice, false);

        Assert.False(await _h.Service.GetConsentAsync(Alice));
        Assert.True(await _h.Service.GetConsentAsync(Bob));
        Assert.True(await _h.Service.GetConsentAsync(AliceElsewhere));
    }

    [Fact]
    public async Task Withdrawn_consent_refuses_writes_and_patches_and_injects_nothing_but_export_and_erase_work()
    {
        var id = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice likes tea." }], null))[0].Id;
        _h.Embedder.Calls.Clear();

        await _h.Service.SetConsentAsync(Alice, false);

        await Assert.ThrowsAsync<MemoryConsentWithdrawnException>(() => _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice likes coffee." }], null));
        await Assert.ThrowsAsync<MemoryConsentWithdrawnException>(() => _h.Service.PatchAsync(Alice, id, new MemoryPatch { Text = "changed" }, null));
        Assert.Empty(_h.Embedder.Calls);
        var selection = await _h.Service.SelectForPromptAsync(Alice, new PromptMemoryRequest { Query = "tea", Context = "chat", TokenBudget = 500 });
        Assert.Empty(selection.All);
        Assert.Equal(0, _h.Retriever.Selections);
        var export = await _h.Service.ExportAsync(Alice);
        Assert.False(export.MemoryConsent);
        Assert.Single(export.Memories);
        Assert.True(await _h.Service.DeleteAsync(Alice, id, null));
        await _h.Service.EraseUserAsync(Alice);
        Assert.Empty(await _h.Service.ListAsync(Alice, true));
    }

    /// <summary>The service keeps a withdrawn consent through erasure itself, under the lock consent is set under (the
    /// endpoint read it before and set it again after, so a withdrawal landing in between was lost).</summary>
    [Fact]
    public async Task Erasure_keeps_a_withdrawn_consent_and_a_given_one_returns_to_the_default()
    {
        await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice likes tea." }], null);
        await _h.Service.WriteAsync(Bob, [new NewMemory { Text = "Bob likes tea." }], null);
        await _h.Service.SetConsentAsync(Alice, false);

        await _h.Service.EraseUserAsync(Alice);
        await _h.Service.EraseUserAsync(Bob);

        Assert.False(await _h.Service.GetConsentAsync(Alice));
        Assert.Empty(await _h.Service.ListAsync(Alice, true));
        Assert.True(await _h.Service.GetConsentAsync(Bob));
        Assert.Null(await _h.Store.GetConsentAsync(Bob));
    }

    [Fact]
    public async Task Prompt_selection_goes_to_the_retriever_when_consent_is_given()
    {
        await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice likes tea." }], null);

        var selection = await _h.Service.SelectForPromptAsync(Alice, new PromptMemoryRequest { Query = "tea", Context = "chat", TokenBudget = 500 });

        Assert.Equal(1, _h.Retriever.Selections);
        Assert.Equal("Alice likes tea.", Assert.Single(selection.All).Memory.Text);
    }

    [Fact]
    public async Task Search_goes_to_the_retriever_and_validates_the_request()
    {
        await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice likes tea." }, new NewMemory { Text = "Alice likes trains.", Context = "docs" }], null);

        var results = await _h.Service.SearchAsync(Alice, new MemorySearchRequest { Query = "likes", Contexts = ["docs"] });

        Assert.Equal("Alice likes trains.", Assert.Single(results).Memory.Text);
        await Assert.ThrowsAsync<MemoryValidationException>(() => _h.Service.SearchAsync(Alice, new MemorySearchRequest { Query = "tea", Limit = 0 }));
        await Assert.ThrowsAsync<MemoryValidationException>(() => _h.Service.SearchAsync(Alice, new MemorySearchRequest { Query = "tea", MinConfidence = 1.5 }));
        await Assert.ThrowsAsync<MemoryValidationException>(() => _h.Service.SearchAsync(Alice, new MemorySearchRequest { Query = " " }));
    }

    [Fact]
    public async Task Export_holds_current_and_superseded_memories_history_and_consent()
    {
        var ids = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice lives in Lyon." }, new NewMemory { Text = "Alice plays the cello." }], "key-1")).Select(r => r.Id).ToList();
        var lyon = await _h.Store.GetAsync(Alice, ids[0]);
        await _h.Store.UpsertAsync(Alice, [lyon! with { ValidTo = _h.Time.GetUtcNow() }]);
        await _h.Service.WriteAsync(Bob, [new NewMemory { Text = "Bob lives in Rome." }], null);

        var export = await _h.Service.ExportAsync(Alice);

        Assert.Equal("alice", export.UserId);
        Assert.True(export.MemoryConsent);
        Assert.Equal(ids.Order(), export.Memories.Select(m => m.Id).Order());
        Assert.Contains(export.Memories, m => m.ValidTo is not null);
        Assert.All(export.Memories, m => Assert.Null(m.Embedding));
        Assert.Equal(2, export.History.Count);
        Assert.Equal(_h.Time.GetUtcNow(), export.ExportedAt);
        Assert.DoesNotContain("Rome", string.Concat(export.Memories.Select(m => m.Text)));
    }

    [Fact]
    public async Task Export_of_an_unknown_user_is_empty()
    {
        var export = await _h.Service.ExportAsync(new UserKey("acme", "nobody"));

        Assert.Empty(export.Memories);
        Assert.Empty(export.History);
        Assert.True(export.MemoryConsent);
    }

    [Fact]
    public async Task Erasure_leaves_no_file_holding_the_users_text_and_leaves_others_alone()
    {
        const string secret = "Alice's passport number is QX-88213-Tamarind";
        var id = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = secret, Sources = ["m1"] }], null))[0].Id;
        await _h.Service.PatchAsync(Alice, id, new MemoryPatch { Text = secret + " (renewed)" }, null);
        await _h.Service.WriteAsync(Bob, [new NewMemory { Text = "Bob collects Tamarind-stamps." }], null);
        await _h.Service.SearchAsync(Alice, new MemorySearchRequest { Query = "passport" });
        await _h.Store.SearchAsync(Alice, _h.Embedder.Embed(secret), "fake-embedder", MemoryFilter.Current, 3);
        Assert.NotEmpty(_h.Directory.FilesContaining("QX-88213"));

        await _h.Service.EraseUserAsync(Alice);

        Assert.Empty(_h.Directory.FilesContaining("QX-88213"));
        Assert.Empty(await _h.Service.ListAsync(Alice, true));
        Assert.Empty(await _h.Service.GetHistoryAsync(Alice, id));
        Assert.Empty((await _h.Service.ExportAsync(Alice)).History);
        Assert.Single(await _h.Service.ListAsync(Bob, false));
        Assert.Single(await _h.Service.SearchAsync(Bob, new MemorySearchRequest { Query = "stamps" }));
    }

    [Fact]
    public async Task Erasure_drops_the_users_texts_from_the_embedding_cache()
    {
        await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice is allergic to peanuts." }], null);
        _h.Embedder.Calls.Clear();
        using (EmbeddingOwner.Use(Alice))
        {
            await _h.Cached.GenerateAsync(["Alice is allergic to peanuts."]);
        }

        Assert.Empty(_h.Embedder.Calls); // cached in Alice's tenant by the write

        await _h.Service.EraseUserAsync(Alice);
        using (EmbeddingOwner.Use(Alice))
        {
            await _h.Cached.GenerateAsync(["Alice is allergic to peanuts."]);
        }

        Assert.Single(_h.Embedder.Calls);
    }

    [Fact]
    public async Task Erasure_drops_the_users_cached_query_embeddings_but_not_other_users()
    {
        var bob = new UserKey(Alice.Tenant, "bob");
        using (EmbeddingOwner.Use(Alice))
        {
            await _h.Cached.GenerateAsync(["where does alice live"]);
        }

        using (EmbeddingOwner.Use(bob))
        {
            await _h.Cached.GenerateAsync(["what does bob eat"]);
        }

        _h.Embedder.Calls.Clear();

        await _h.Service.EraseUserAsync(Alice);
        using (EmbeddingOwner.Use(bob))
        {
            await _h.Cached.GenerateAsync(["where does alice live", "what does bob eat"]);
        }

        Assert.Equal(["where does alice live"], Assert.Single(_h.Embedder.Calls));
    }

    [Fact]
    public async Task Cached_embeddings_are_kept_per_tenant()
    {
        using (EmbeddingOwner.Use(Alice))
        {
            await _h.Cached.GenerateAsync(["a shared sentence"]);
        }

        _h.Embedder.Calls.Clear();
        using (EmbeddingOwner.Use(new UserKey(Alice.Tenant, "carol")))
        {
            await _h.Cached.GenerateAsync(["a shared sentence"]);
        }

        Assert.Empty(_h.Embedder.Calls); // same tenant: a hit

        using (EmbeddingOwner.Use(AliceElsewhere))
        {
            await _h.Cached.GenerateAsync(["a shared sentence"]);
        }

        Assert.Single(_h.Embedder.Calls); // another tenant never hits (nor times) it
    }

    [Fact]
    public async Task The_same_user_id_in_two_tenants_never_mixes()
    {
        var inAcme = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice is vegetarian." }], null))[0];
        var inGlobex = (await _h.Service.WriteAsync(AliceElsewhere, [new NewMemory { Text = "Alice is vegetarian." }], null))[0];

        Assert.Equal(MemoryEvent.Add, inGlobex.Event);
        Assert.NotEqual(inAcme.Id, inGlobex.Id);
        Assert.Null(await _h.Service.GetAsync(AliceElsewhere, inAcme.Id));
        Assert.False(await _h.Service.DeleteAsync(AliceElsewhere, inAcme.Id, null));

        await _h.Service.EraseUserAsync(AliceElsewhere);

        Assert.Single(await _h.Service.ListAsync(Alice, false));
        Assert.Empty(await _h.Service.ListAsync(AliceElsewhere, false));
    }

    [Fact]
    public async Task The_retriever_is_invalidated_after_every_change()
    {
        var id = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice golfs." }], null))[0].Id;
        await _h.Service.PatchAsync(Alice, id, new MemoryPatch { Text = "Alice plays golf." }, null);
        await _h.Service.DeleteAsync(Alice, id, null);
        await _h.Service.SetConsentAsync(Alice, true);
        await _h.Service.EraseUserAsync(Alice);

        Assert.Equal(5, _h.Retriever.Invalidations.Count(u => u == Alice));
        Assert.DoesNotContain(Bob, _h.Retriever.Invalidations);
    }

    [Fact]
    public async Task Concurrent_writes_of_the_same_fact_store_it_once()
    {
        var tasks = Enumerable.Range(0, 8).Select(_ => _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice is left-handed." }], null));

        var results = await Task.WhenAll(tasks);

        Assert.Single(results.Select(r => r[0].Id).Distinct());
        Assert.Single(results, r => r[0].Event == MemoryEvent.Add);
        Assert.Single(await _h.Service.ListAsync(Alice, false));
    }
}
