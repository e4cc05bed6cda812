using static Gateway.Tests.MemoryApi.MemoryJson;

namespace Gateway.Tests.MemoryApi;

/// <summary>Scopes on the memory API: <c>memory:read</c> reads, <c>memory:write</c> writes, <c>chat</c> touches neither;
/// without a valid key every route is 401.</summary>
public sealed class MemoryScopeTests(TenantGatewayFixture fixture) : IClassFixture<TenantGatewayFixture>
{
    private MemoryApiClient Admin => fixture.Api.WithKey(TenantGatewayFixture.AcmeAdmin);

    /// <summary>Every memory route with a valid body; {user} and {id} are filled in.</summary>
    private static readonly (string Method, string Path, string? Body)[] ReadRoutes =
    [
        ("GET", "v1/users/{user}/memories", null),
        ("POST", "v1/users/{user}/memories/search", """{"query":"kites"}"""),
        ("GET", "v1/users/{user}/memories/{id}", null),
        ("GET", "v1/users/{user}/memories/{id}/history", null),
        ("GET", "v1/users/{user}/export", null),
        ("GET", "v1/users/{user}/consent", null),
    ];

    private static readonly (string Method, string Path, string? Body)[] WriteRoutes =
    [
        ("POST", "v1/users/{user}/memories", """{"memories":[{"text":"Wes flies kites on the beach every weekend"}]}"""),
        ("PATCH", "v1/users/{user}/memories/{id}", """{"text":"Wes flies stunt kites"}"""),
        ("POST", "v1/users/{user}/observations", """{"text":"Wes bought a new kite","context":"chat"}"""),
        ("PUT", "v1/users/{user}/consent", """{"memory":false}"""),
        ("DELETE", "v1/users/{user}/memories/{id}", null),
        ("DELETE", "v1/users/{user}", null),
    ];

    private async Task<(string User, string Id)> SeedAsync()
    {
        var user = MemoryGatewayFixture.NewUser("wes");
        var id = await Admin.AddAsync(user, NewMemory("Wes flies kites"));
        return (user, id);
    }

    private static Task<ApiResponse> CallAsync(MemoryApiClient api, (string Method, string Path, string? Body) route, string user, string id) =>
        api.SendAsync(new HttpMethod(route.Method), route.Path.Replace("{user}", user, StringComparison.Ordinal).Replace("{id}", id, StringComparison.Ordinal), route.Body);

    private async Task AssertUnchangedAsync(string user, string id)
    {
        var memory = (await Admin.GetAsync(user, id)).Expect(HttpStatusCode.OK);
        Assert.Equal("Wes flies kites", Text(memory));
        Assert.Equal(["Wes flies kites"], await Admin.TextsAsync(user));
        Assert.True((bool)(await Admin.GetConsentAsync(user)).Expect(HttpStatusCode.OK)["memory"]!);
    }

    [Fact]
    public async Task A_read_key_reads_but_every_write_is_403()
    {
        var (user, id) = await SeedAsync();
        var reader = fixture.Api.WithKey(TenantGatewayFixture.AcmeRead);

        foreach (var route in ReadRoutes)
        {
            var response = await CallAsync(reader, route, user, id);
            Assert.True(response.Status == HttpStatusCode.OK, $"{route.Method} {route.Path}: {(int)response.Status} {response.Text}");
        }

        foreach (var route in WriteRoutes)
        {
            var error = (await CallAsync(reader, route, user, id)).ExpectError(HttpStatusCode.Forbidden);
            Assert.Equal("insufficient_scope", (string?)error["code"]);
        }

        await AssertUnchangedAsync(user, id);
    }

    [Fact]
    public async Task A_write_key_without_read_cannot_list_search_get_or_export()
    {
        var (user, id) = await SeedAsync();
        var writer = fixture.Api.WithKey(TenantGatewayFixture.AcmeWrite);

        foreach (var route in ReadRoutes)
        {
            var error = (await CallAsync(writer, route, user, id)).ExpectError(HttpStatusCode.Forbidden);
            Assert.Equal("insufficient_scope", (string?)error["code"]);
        }

        var written = (await writer.WriteAsync(user, NewMemory("Wes repairs kite lines"))).ExpectList("results");
        Assert.Equal("ADD", (string?)written[0]!["event"]);
        Assert.Contains("Wes repairs kite lines", await Admin.TextsAsync(user));
    }

    [Fact]
    public async Task A_chat_only_key_cannot_touch_memory()
    {
        var (user, id) = await SeedAsync();
        var chat = fixture.Api.WithKey(TenantGatewayFixture.AcmeChat);

        foreach (var route in ReadRoutes.Concat(WriteRoutes))
        {
            var error = (await CallAsync(chat, route, user, id)).ExpectError(HttpStatusCode.Forbidden);
            Assert.Equal("insufficient_scope", (string?)error["code"]);
        }

        await AssertUnchangedAsync(user, id);
    }

    [Fact]
    public async Task Without_a_valid_key_every_memory_route_answers_401()
    {
        var (user, id) = await SeedAsync();

        foreach (var api in new[] { fixture.Api, fixture.Api.WithKey("key-acme-all-0009") })
        {
            foreach (var route in ReadRoutes.Concat(WriteRoutes))
            {
                var error = (await CallAsync(api, route, user, id)).ExpectError(HttpStatusCode.Unauthorized);
                Assert.Equal("invalid_api_key", (string?)error["code"]);
            }
        }

        await AssertUnchangedAsync(user, id);
    }
}
