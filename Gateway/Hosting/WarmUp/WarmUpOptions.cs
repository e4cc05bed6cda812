namespace Gateway.Hosting.WarmUp;

/// <summary>The request-path warm-up (<c>WarmUp</c> section): once the server listens, the gateway sends itself
/// <see cref="Rounds"/> rounds of calls over loopback HTTP (a plain and a personalized chat completion each, with
/// streamed, Responses, Messages and memory-search calls among them) against a built-in upstream, while
/// <c>/healthz</c> and <c>/readyz</c> answer 503 <c>starting</c>, so the first real calls meet code the runtime has
/// already compiled at its top tier.</summary>
public sealed class WarmUpOptions
{
    public const string Section = "WarmUp";

    /// <summary>Rounds of warm-up calls; 0 turns the warm-up off (the gateway is healthy as soon as it listens).</summary>
    public int Rounds { get; set; } = 300;

    /// <summary>The warm-up ends after this long whatever is left of it; health never waits longer.</summary>
    public double MaxSeconds { get; set; } = 20;
}
