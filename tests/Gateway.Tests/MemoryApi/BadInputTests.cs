using static Gateway.Tests.MemoryApi.MemoryJson;

namespace Gateway.Tests.MemoryApi;

/// <summary>Malformed input to the memory API is a 400 in OpenAI's error shape (413 over the body limit), never a
/// 500, and changes nothing.</summary>
public sealed class BadInputTests(MemoryGatewayFixture fixture) : IClassFixture<MemoryGatewayFixture>
{
    private MemoryApiClient Api => fixture.Api;

    private static string Mem(string fields) => $$"""{"memories":[{{{fields}}}]}""";

    public static TheoryData<string, string> BadWrites => new()
    {
        { "malformed JSON", """{"memories":[{"text":"a"}""" },
        { "not JSON", "memories: text" },
        { "empty body", "" },
        { "JSON null", "null" },
        { "top-level array", """[{"text":"a"}]""" },
        { "memories missing", "{}" },
        { "memories null", """{"memories":null}""" },
        { "memories empty", """{"memories":[]}""" },
        { "memories a string", """{"memories":"Gil likes tea"}""" },
        { "memories an object", """{"memories":{"text":"Gil likes tea"}}""" },
        { "element a number", """{"memories":[1]}""" },
        { "element a string", """{"memories":["Gil likes tea"]}""" },
        { "element null", """{"memories":[null]}""" },
        { "text missing", Mem("") },
        { "text null", Mem("\"text\":null") },
        { "text empty", Mem("\"text\":\"\"") },
        { "text blank", Mem("\"text\":\"   \"") },
        { "text a number", Mem("\"text\":42") },
        { "text an array", Mem("\"text\":[\"a\"]") },
        { "text over the API limit", Mem($"\"text\":\"{new string('x', 8001)}\"") },
        { "text over the store limit", Mem($"\"text\":\"{new string('y', 4001)}\"") },
        { "confidence above 1", Mem("\"text\":\"Gil likes tea\",\"confidence\":1.5") },
        { "confidence below 0", Mem("\"text\":\"Gil likes tea\",\"confidence\":-0.1") },
        { "confidence a string", Mem("\"text\":\"Gil likes tea\",\"confidence\":\"high\"") },
        { "confidence a numeric string", Mem("\"text\":\"Gil likes tea\",\"confidence\":\"0.5\"") },
        { "confidence NaN", Mem("\"text\":\"Gil likes tea\",\"confidence\":\"NaN\"") },
        { "confidence beyond double", Mem("\"text\":\"Gil likes tea\",\"confidence\":1e400") },
        { "context too long", Mem($"\"text\":\"Gil likes tea\",\"context\":\"{new string('c', 65)}\"") },
        { "context empty", Mem("\"text\":\"Gil likes tea\",\"context\":\"\"") },
        { "context a number", Mem("\"text\":\"Gil likes tea\",\"context\":7") },
        { "sources not strings", Mem("\"text\":\"Gil likes tea\",\"sources\":[1,2]") },
        { "sources a string", Mem("\"text\":\"Gil likes tea\",\"sources\":\"m1\"") },
        { "sources with an empty one", Mem("\"text\":\"Gil likes tea\",\"sources\":[\"\"]") },
        { "metadata value a number", Mem("\"text\":\"Gil likes tea\",\"metadata\":{\"k\":1}") },
        { "metadata value null", Mem("\"text\":\"Gil likes tea\",\"metadata\":{\"k\":null}") },
        { "metadata value an object", Mem("\"text\":\"Gil likes tea\",\"metadata\":{\"k\":{\"a\":\"b\"}}") },
        { "metadata a list", Mem("\"text\":\"Gil likes tea\",\"metadata\":[\"k\"]") },
        { "occurredAt not a date", Mem("\"text\":\"Gil likes tea\",\"occurredAt\":\"yesterday\"") },
        { "occurredAt a number", Mem("\"text\":\"Gil likes tea\",\"occurredAt\":1700000000") },
        { "text repeated", Mem("\"text\":\"Gil likes tea\",\"text\":\"Gil likes coffee\"") }, // was stored as the last one
        { "text repeated in another case", Mem("\"text\":\"Gil likes tea\",\"Text\":\"Gil likes coffee\"") },
        { "memories repeated", """{"memories":[{"text":"Gil likes tea"}],"memories":[{"text":"Gil likes coffee"}]}""" },
        { "one bad memory in a batch", """{"memories":[{"text":"Gil likes tea"},{"text":"Gil likes coffee","confidence":7}]}""" },
    };

    public static TheoryData<string, string> BadSearches => new()
    {
        { "malformed JSON", """{"query":"tea""" },
        { "query missing", "{}" },
        { "query empty", """{"query":""}""" },
        { "query blank", """{"query":"  "}""" },
        { "query a number", """{"query":5}""" },
        { "query too long", $$"""{"query":"{{new string('q', 8001)}}"}""" },
        { "limit 0", """{"query":"tea","limit":0}""" },
        { "limit 101", """{"query":"tea","limit":101}""" },
        { "limit negative", """{"query":"tea","limit":-1}""" },
        { "limit a word", """{"query":"tea","limit":"ten"}""" },
        { "limit a numeric string", """{"query":"tea","limit":"10"}""" },
        { "limit fractional", """{"query":"tea","limit":2.5}""" },
        { "minConfidence 2", """{"query":"tea","minConfidence":2}""" },
        { "minConfidence negative", """{"query":"tea","minConfidence":-0.5}""" },
        { "minConfidence a string", """{"query":"tea","minConfidence":"high"}""" },
        { "minConfidence a numeric string", """{"query":"tea","minConfidence":"0.5"}""" },
        { "maxAgeDays -1", """{"query":"tea","maxAgeDays":-1}""" },
        { "maxAgeDays a string", """{"query":"tea","maxAgeDays":"week"}""" },
        { "contexts a string", """{"query":"tea","contexts":"docs"}""" },
        { "contexts with a number", """{"query":"tea","contexts":[1]}""" },
        { "contexts with an empty name", """{"query":"tea","contexts":[""]}""" },
        { "query repeated", """{"query":"tea","query":"coffee"}""" },
        { "includeSuperseded a string", """{"query":"tea","includeSuperseded":"yes"}""" },
        { "top-level array", """["tea"]""" },
    };

    public static TheoryData<string, string> BadPatches => new()
    {
        { "malformed JSON", """{"text":""" },
        { "text empty", """{"text":""}""" },
        { "text a number", """{"text":1}""" },
        { "text too long", $$"""{"text":"{{new string('p', 8001)}}"}""" },
        { "confidence 3", """{"confidence":3}""" },
        { "confidence a string", """{"confidence":"low"}""" },
        { "context too long", $$"""{"context":"{{new string('c', 65)}}"}""" },
        { "sources not strings", """{"sources":[true]}""" },
        { "metadata values not strings", """{"metadata":{"k":false}}""" },
        { "occurredAt not a date", """{"occurredAt":"soon"}""" },
        { "a list", "[]" },
        { "text repeated", """{"text":"Gil likes coffee","text":"Gil likes cocoa"}""" },
    };

    public static TheoryData<string, string> BadUserPaths => new()
    {
        { "GET", "v1/users/%20padded/memories" },
        { "POST", "v1/users/%20padded/memories" },
        { "POST", "v1/users/%20padded/memories/search" },
        { "GET", "v1/users/padded%20/export" },
        { "GET", "v1/users/%20padded/consent" },
        { "PUT", "v1/users/%20padded/consent" },
        { "DELETE", "v1/users/%20padded" },
        { "GET", "v1/users/%20padded/memories/some-id" },
        { "GET", "v1/users/%20padded/memories/some-id/history" },
        { "GET", $"v1/users/{new string('u', 300)}/memories" },
        { "POST", $"v1/users/{new string('u', 257)}/memories" },
        { "GET", "v1/users/tab%09user/memories" },
        { "GET", "v1/users/alice%E2%80%8D/memories" }, // a zero-width joiner after ASCII: a look-alike of "alice"
        { "DELETE", "v1/users/%E2%80%8Calice" },
        { "GET", "v1/users/tag%F3%A0%80%81user/export" }, // a Unicode tag character (a format character past the first plane)
        { "POST", "v1/users/line%0Abreak/observations" },
    };

    [Theory]
    [MemberData(nameof(BadWrites))]
    public async Task A_bad_write_answers_400_and_stores_nothing(string why, string body)
    {
        var user = MemoryGatewayFixture.NewUser("bad");

        var response = await Api.SendAsync(HttpMethod.Post, $"v1/users/{user}/memories", body);

        Assert.True(response.Status == HttpStatusCode.BadRequest, $"{why}: {(int)response.Status} {response.Text}");
        response.ExpectError(HttpStatusCode.BadRequest);
        Assert.Empty(await Api.TextsAsync(user, includeSuperseded: true));
    }

    [Theory]
    [MemberData(nameof(BadSearches))]
    public async Task A_bad_search_answers_400(string why, string body)
    {
        var user = MemoryGatewayFixture.NewUser("bad");
        await Api.AddAsync(user, NewMemory("Gil likes green tea", "docs"));

        var response = await Api.SendAsync(HttpMethod.Post, $"v1/users/{user}/memories/search", body);

        Assert.True(response.Status == HttpStatusCode.BadRequest, $"{why}: {(int)response.Status} {response.Text}");
        response.ExpectError(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(BadPatches))]
    public async Task A_bad_patch_answers_400_and_changes_nothing(string why, string body)
    {
        var user = MemoryGatewayFixture.NewUser("bad");
        var id = await Api.AddAsync(user, NewMemory("Gil likes green tea"));
        var before = (await Api.GetAsync(user, id)).Expect(HttpStatusCode.OK);

        var response = await Api.SendAsync(HttpMethod.Patch, $"v1/users/{user}/memories/{id}", body);

        Assert.True(response.Status == HttpStatusCode.BadRequest, $"{why}: {(int)response.Status} {response.Text}");
        response.ExpectError(HttpStatusCode.BadRequest);
        Assert.True(JsonNode.DeepEquals(before, (await Api.GetAsync(user, id)).Expect(HttpStatusCode.OK)));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"text":""}""")]
    [InlineData("""{"text":3,"context":"chat"}""")]
    [InlineData("""{"text":"Gil likes tea","context":""}""")]
    [InlineData("""{"text":"Gil likes tea","sources":"m1"}""")]
    [InlineData("""{"text":"Gil likes tea","occurredAt":"later"}""")]
    [InlineData("{")]
    [InlineData("""{"text":"Gil likes tea","text":"Gil likes coffee","context":"chat"}""")]
    public async Task A_bad_observation_answers_400(string body)
    {
        var response = await Api.SendAsync(HttpMethod.Post, $"v1/users/{MemoryGatewayFixture.NewUser("bad")}/observations", body);

        response.ExpectError(HttpStatusCode.BadRequest);
    }

    /// <summary>Without a body context the observation takes the <c>X-Memory-Context</c> header, read as chat reads it:
    /// one that is not a context name used to be replaced by <c>chat</c> silently, filing the observation under a
    /// feature the caller did not name.</summary>
    [Fact]
    public async Task An_observation_with_an_unreadable_context_header_answers_400()
    {
        var response = await Api.SendAsync(HttpMethod.Post, $"v1/users/{MemoryGatewayFixture.NewUser("bad")}/observations",
            """{"text":"Gil likes tea"}""", new Dictionary<string, string> { ["X-Memory-Context"] = new string('c', 65) });

        var error = response.ExpectError(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_context", (string?)error["code"]);
    }

    /// <summary>Each refusal names the field at fault in OpenAI's <c>param</c>, not only in the message.</summary>
    public static TheoryData<string, string, string, string> ParamCases => new()
    {
        { "POST", "memories", """{"memories":[]}""", "memories" },
        { "POST", "memories", """{"memories":[{"text":"Gil likes tea"},null]}""", "memories[1]" },
        { "POST", "memories", Mem("\"text\":\"  \""), "memories[0].text" },
        { "POST", "memories", Mem("\"text\":\"\\u200B \\u2060\""), "memories[0].text" },
        { "PATCH", "memories/{id}", """{"text":"\u200B"}""", "text" },
        { "POST", "memories", """{"memories":[{"text":"Gil likes tea"},{"text":"Gil likes coffee","confidence":7}]}""", "memories[1].confidence" },
        { "POST", "memories", Mem("\"text\":\"Gil likes tea\",\"context\":\"\""), "memories[0].context" },
        { "POST", "memories", Mem("\"text\":\"Gil likes tea\",\"sources\":[\"\"]"), "memories[0].sources" },
        { "POST", "memories", Mem("\"text\":\"Gil likes tea\",\"metadata\":{\"k\":null}"), "memories[0].metadata" },
        { "POST", "memories", Mem("\"text\":\"Gil likes tea\",\"confidence\":\"high\""), "memories[0].confidence" },
        { "POST", "memories", Mem("\"text\":\"Gil likes tea\",\"occurredAt\":\"yesterday\""), "memories[0].occurredAt" },
        { "POST", "memories/search", """{"query":" "}""", "query" },
        { "POST", "memories/search", """{"query":"tea","limit":0}""", "limit" },
        { "POST", "memories/search", """{"query":"tea","limit":"ten"}""", "limit" },
        { "POST", "memories/search", """{"query":"tea","minConfidence":2}""", "minConfidence" },
        { "POST", "memories/search", """{"query":"tea","maxAgeDays":-1}""", "maxAgeDays" },
        { "POST", "memories/search", """{"query":"tea","contexts":[""]}""", "contexts" },
        { "PATCH", "memories/{id}", """{"text":""}""", "text" },
        { "PATCH", "memories/{id}", """{"confidence":3}""", "confidence" },
        { "PATCH", "memories/{id}", """{"context":"   "}""", "context" },
        { "PATCH", "memories/{id}", """{"sources":[""]}""", "sources" },
        { "PATCH", "memories/{id}", """{"metadata":{"k":null}}""", "metadata" },
        { "POST", "observations", """{"context":"chat"}""", "text" },
        { "POST", "observations", """{"text":"Gil likes tea","sources":[""]}""", "sources" },
        { "PUT", "consent", """{"memory":null}""", "memory" },
        { "PUT", "consent", """{"memory":"false"}""", "memory" },
    };

    [Theory]
    [MemberData(nameof(ParamCases))]
    public async Task A_refusal_names_the_field_in_param(string method, string route, string body, string param)
    {
        var user = MemoryGatewayFixture.NewUser("param");
        var id = await Api.AddAsync(user, NewMemory("Gil likes green tea"));

        var response = await Api.SendAsync(new HttpMethod(method), $"v1/users/{user}/{route.Replace("{id}", id, StringComparison.Ordinal)}", body);

        var error = response.ExpectError(HttpStatusCode.BadRequest);
        Assert.True(param == (string?)error["param"], $"{method} {route} {body}: {response.Text}");
    }

    [Fact]
    public async Task An_invalid_user_id_names_userId_in_param()
    {
        var error = (await Api.SendAsync(HttpMethod.Get, "v1/users/%20padded/memories")).ExpectError(HttpStatusCode.BadRequest);

        Assert.Equal("userId", (string?)error["param"]);
    }

    [Theory]
    [InlineData(@"Gil likes tea\u0000 and coffee")]
    [InlineData(@"Gil likes tea\u001b[31m")]
    [InlineData(@"\u0007Gil likes tea")]
    public async Task A_memory_text_with_control_characters_is_refused_on_write_and_patch(string text)
    {
        var user = MemoryGatewayFixture.NewUser("ctrl");
        var id = await Api.AddAsync(user, NewMemory("Gil likes green tea"));

        var write = await Api.SendAsync(HttpMethod.Post, $"v1/users/{user}/memories", Mem($"\"text\":\"{text}\""));
        var patch = await Api.SendAsync(HttpMethod.Patch, $"v1/users/{user}/memories/{id}", $$"""{"text":"{{text}}"}""");

        Assert.Equal("memories[0].text", (string?)write.ExpectError(HttpStatusCode.BadRequest)["param"]);
        Assert.Equal("text", (string?)patch.ExpectError(HttpStatusCode.BadRequest)["param"]);
        Assert.Equal(["Gil likes green tea"], await Api.TextsAsync(user, includeSuperseded: true));
    }

    [Fact]
    public async Task Line_breaks_and_tabs_in_a_memory_text_are_accepted()
    {
        var user = MemoryGatewayFixture.NewUser("ctrl");

        var id = await Api.AddAsync(user, NewMemory("Gil's list:\r\n- green tea\t(mornings)"));

        Assert.Contains("green tea", (string?)(await Api.GetAsync(user, id)).Expect(HttpStatusCode.OK)["text"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("yes")]
    [InlineData("2")]
    [InlineData("true&includeSuperseded=false")]
    public async Task An_unreadable_includeSuperseded_query_value_answers_400_not_false(string value)
    {
        var user = MemoryGatewayFixture.NewUser("flag");
        await Api.AddAsync(user, NewMemory("Gil likes green tea"));

        var list = await Api.SendAsync(HttpMethod.Get, $"v1/users/{user}/memories?includeSuperseded={value}");
        var search = await Api.SendAsync(HttpMethod.Post, $"v1/users/{user}/memories/search?includeSuperseded={value}", """{"query":"tea"}""");

        Assert.Equal("includeSuperseded", (string?)list.ExpectError(HttpStatusCode.BadRequest)["param"]);
        Assert.Equal("includeSuperseded", (string?)search.ExpectError(HttpStatusCode.BadRequest)["param"]);
    }

    [Theory]
    [MemberData(nameof(BadUserPaths))]
    public async Task An_invalid_user_id_in_the_path_answers_400(string method, string path)
    {
        var body = method switch
        {
            "POST" when path.EndsWith("/search", StringComparison.Ordinal) => """{"query":"tea"}""",
            "POST" when path.EndsWith("/observations", StringComparison.Ordinal) => """{"text":"Gil likes tea","context":"chat"}""",
            "POST" => """{"memories":[{"text":"Gil likes tea"}]}""",
            "PUT" => """{"memory":false}""",
            _ => null,
        };

        var response = await Api.SendAsync(new HttpMethod(method), path, body);

        var error = response.ExpectError(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_user", (string?)error["code"]);
    }

    [Fact]
    public async Task A_body_over_the_limit_answers_413_and_stores_nothing()
    {
        var user = MemoryGatewayFixture.NewUser("big");
        var memories = Enumerable.Range(0, 40).Select(i => $$"""{"text":"Hal item {{i}} {{new string('z', 2000)}}"}""");
        var body = $$"""{"memories":[{{string.Join(",", memories)}}]}""";
        Assert.True(body.Length > MemoryGatewayFixture.MaxRequestBytes);

        var response = await Api.SendAsync(HttpMethod.Post, $"v1/users/{user}/memories", body);

        var error = response.ExpectError(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("request_too_large", (string?)error["code"]);
        Assert.Empty(await Api.TextsAsync(user));
    }

    [Fact]
    public async Task A_search_body_over_the_limit_answers_413()
    {
        var body = $$"""{"query":"tea","contexts":[{{string.Join(",", Enumerable.Repeat("\"docs\"", 20000))}}]}""";
        Assert.True(body.Length > MemoryGatewayFixture.MaxRequestBytes);

        var response = await Api.SendAsync(HttpMethod.Post, $"v1/users/{MemoryGatewayFixture.NewUser("big")}/memories/search", body);

        response.ExpectError(HttpStatusCode.RequestEntityTooLarge);
    }
}
