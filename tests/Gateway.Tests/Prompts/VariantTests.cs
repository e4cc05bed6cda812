using System.Globalization;
using Gateway.Pipeline;
using Gateway.Prompts;

namespace Gateway.Tests.Prompts;

public sealed class VariantTests : IDisposable
{
    private const string Variants = """

        variants:
          - name: control
            weight: 70
          - name: terse
            weight: 30
            template: |
              TERSE {{$user_id}} {{$context}} {{$now}}
              {{$memories}}
        """;

    private readonly AssemblerHarness _h = new();

    public VariantTests()
    {
        _h.Directory.Write("chat.yaml", PromptYaml.Chat + Variants);
        _h.Store.Reload();
    }

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Assignment_is_sticky_per_tenant_and_user_and_recorded()
    {
        var first = await _h.AssembleAsync(AssemblerHarness.Request(), AssemblerHarness.Messages(("user", "hi")));
        for (var i = 0; i < 5; i++)
        {
            var request = AssemblerHarness.Request();
            var again = await _h.AssembleAsync(request, AssemblerHarness.Messages(("user", "other question " + i.ToString(CultureInfo.InvariantCulture))));
            Assert.Equal(first.Variant, again.Variant);
            Assert.Equal(first.Variant, request.Variant);
        }

        Assert.Contains(first.Variant, new[] { "control", "terse" });
        var text = MessageText.Of(first.Messages[0]);
        Assert.Equal(first.Variant == "terse", text.StartsWith("TERSE carol", StringComparison.Ordinal));
    }

    [Fact]
    public void Ten_thousand_users_split_within_two_points_of_the_weights()
    {
        var template = _h.Store.Catalog.Find("chat")!;

        var terse = Enumerable.Range(0, 10_000)
            .Count(i => VariantAssigner.Assign(template, "default", "user-" + i.ToString(CultureInfo.InvariantCulture)).Name == "terse");

        Assert.InRange(terse, 2_800, 3_200);
    }

    [Fact]
    public void The_same_user_in_another_tenant_or_template_is_assigned_independently()
    {
        var same = 0;
        for (var i = 0; i < 2_000; i++)
        {
            var user = "u" + i.ToString(CultureInfo.InvariantCulture);
            if (VariantAssigner.Point("a", user, "chat") < 0.5 == VariantAssigner.Point("b", user, "chat") < 0.5)
            {
                same++;
            }
        }

        Assert.InRange(same, 850, 1_150);
        Assert.Equal(VariantAssigner.Point("a", "u1", "chat"), VariantAssigner.Point("a", "u1", "CHAT"));
        Assert.NotEqual(VariantAssigner.Point("a", "u1", "chat"), VariantAssigner.Point("a", "u1", "chat.docs"));
    }

    [Fact]
    public void A_zero_weight_variant_is_never_served()
    {
        _h.Directory.Write("chat.yaml", PromptYaml.Chat + Variants.Replace("weight: 30", "weight: 0", StringComparison.Ordinal));
        _h.Store.Reload();
        var template = _h.Store.Catalog.Find("chat")!;

        Assert.All(Enumerable.Range(0, 1_000), i =>
            Assert.Equal("control", VariantAssigner.Assign(template, "t", i.ToString(CultureInfo.InvariantCulture)).Name));
    }

    [Fact]
    public void Stats_report_requests_interventions_and_mean_tokens_per_variant()
    {
        var stats = new PromptStats();
        stats.Record(new PromptUsage("chat", "control", "v1", false, 100, 20));
        stats.Record(new PromptUsage("chat", "control", "v2", true, 200, null));
        stats.Record(new PromptUsage("chat", "terse", "v2", false, 50, 10));
        stats.Record(new PromptUsage("other", null, "v9", false, 1, 1));
        stats.Record(new PromptUsage("", null, null, false, 1, 1));

        var response = PromptApiMapper.Stats("chat", _h.Store.Catalog.Find("chat"), stats.GetStats("chat"))!;

        var control = response.Variants.Single(v => v.Variant == "control");
        Assert.Equal((2L, 1L, 150.0, 20.0, 70.0), (control.Requests, control.GuardrailInterventions, control.MeanPromptTokens, control.MeanCompletionTokens, control.Weight));
        Assert.Equal(["v1", "v2"], control.Versions);
        var terse = response.Variants.Single(v => v.Variant == "terse");
        Assert.Equal((1L, 0L, 50.0, 10.0), (terse.Requests, terse.GuardrailInterventions, terse.MeanPromptTokens, terse.MeanCompletionTokens));
        Assert.Equal("default", Assert.Single(stats.GetStats("other")).Variant);
        Assert.Null(PromptApiMapper.Stats("nope", null, stats.GetStats("nope")));
    }

    [Fact]
    public void Recording_from_the_request_context_skips_unpersonalized_requests()
    {
        var stats = new PromptStats();
        var personalized = AssemblerHarness.Request();
        personalized.TemplateName = "chat";
        personalized.Variant = "terse";
        personalized.TemplateVersion = "abc";

        stats.Record(personalized, guardrailIntervened: true, promptTokens: 10, completionTokens: 5);
        stats.Record(AssemblerHarness.Request(user: null), guardrailIntervened: true, promptTokens: 10, completionTokens: 5);

        var only = Assert.Single(stats.GetStats("chat"));
        Assert.Equal(("terse", 1L, 1L), (only.Variant, only.Requests, only.GuardrailInterventions));
    }

    [Fact]
    public void Stats_are_kept_per_tenant()
    {
        var stats = new PromptStats();
        stats.Record(new PromptUsage("chat", "control", "v1", false, 100, 20, Tenant: "acme"));
        stats.Record(new PromptUsage("chat", "control", "v1", true, 100, 20, Tenant: "acme"));
        stats.Record(new PromptUsage("chat", "control", "v1", false, 10, 2, Tenant: "globex"));

        var acme = Assert.Single(stats.GetStats("acme", "chat"));
        var globex = Assert.Single(stats.GetStats("globex", "chat"));

        Assert.Equal((2L, 1L), (acme.Requests, acme.GuardrailInterventions));
        Assert.Equal((1L, 0L), (globex.Requests, globex.GuardrailInterventions));
        Assert.Empty(stats.GetStats("initech", "chat"));
        Assert.Empty(stats.GetStats("chat")); // the keyless tenant saw none of it
    }
}
