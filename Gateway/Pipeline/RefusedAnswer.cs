namespace Gateway.Pipeline;

/// <summary>An answer given before any byte went out: an input block (400), an upstream failure (429/502/503/504).</summary>
internal sealed class RefusedAnswer(Func<HttpContext, IResult> result, string outcome) : ChatAnswer
{
    public override string Outcome => outcome;

    public IResult ResultFor(HttpContext http) => result(http);
}
