namespace Gateway.Tests.MemoryApi;

/// <summary>Memories and questions about them that share no content word (after stop words and stemming), neither
/// with their own memory nor with any other: only meaning can connect them.</summary>
public static class ParaphrasePairs
{
    public static readonly (string Memory, string Question)[] All =
    [
        ("I go trekking in the Alps every summer", "What outdoor sport do I enjoy?"),
        ("We adopted a golden retriever puppy named Biscuit", "What kind of dog do I own?"),
        ("I work as a nurse in the cardiology ward", "What is my profession?"),
        ("I have played the violin since I was six", "Which musical instrument can I perform?"),
        ("My car is a blue Tesla Model 3", "What vehicle do I drive?"),
        ("I am learning Japanese on weekends", "Which foreign language am I studying?"),
        ("I rent a small flat near the harbour in Lisbon", "In which city is my apartment?"),
        ("I never eat meat or fish", "Do I follow a vegetarian diet?"),
        ("I drink three espressos every morning", "How much coffee do I have daily?"),
        ("I struggle with insomnia most nights", "Do I have trouble sleeping?"),
        ("My twins turn five in October", "How old are my kids?"),
        ("Peanuts give me a severe allergic reaction", "Which nut should I avoid?"),
    ];
}
