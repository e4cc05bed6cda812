namespace Benchmarks.Embeddings;

/// <summary>Memory-sized sentences (5-25 words) to embed, cycled through by the embedding benchmarks.</summary>
internal static class BenchmarkSentences
{
    public static readonly string[] All =
    [
        "I go trekking in the Alps every summer with my brother.",
        "My daughter is allergic to peanuts and tree nuts.",
        "Please answer in French from now on.",
        "I work as a nurse on night shifts at the city hospital.",
        "We adopted a rescue greyhound called Pepper last spring.",
        "I prefer short answers with code examples in C#.",
        "My partner and I are planning a trip to Japan in October to see the autumn leaves in Kyoto.",
        "I am vegetarian but I still eat fish occasionally.",
        "The quarterly report is due on the first Monday of the month.",
        "I started learning the cello two years ago and practise every evening.",
        "My mother lives in Lisbon and visits us at Christmas.",
        "I have a mild hearing impairment, so I like written summaries after calls.",
        "We moved to a bigger flat near the river because the kids needed their own rooms.",
        "I run a small bakery and open at six in the morning.",
        "Remind me that the car insurance renews in March.",
        "I dislike horror films but love old detective series.",
    ];

    public static string[] Take(int count, int offset) =>
        [.. Enumerable.Range(offset, count).Select(i => All[i % All.Length])];
}
