namespace Memory.Tests.Embeddings.Onnx;

/// <summary>Everyday texts of the kinds the gateway embeds (statements about a user, questions, chat turns, a long
/// paragraph, accents and another script), for comparing a model's int8 variant with its fp32 graph.</summary>
internal static class Int8Sentences
{
    public static readonly string[] All =
    [
        "I work as a nurse in the cardiology ward.",
        "My dog Pepper is a border collie who loves frisbees.",
        "We moved from Porto to Berlin last spring.",
        "I'm allergic to peanuts and shellfish.",
        "I don't eat meat, but I do eat fish on Fridays.",
        "My daughter Lena turns seven on the 14th of March.",
        "I use a wheelchair, so step-free routes matter to me.",
        "I go trekking in the Alps every summer.",
        "Thai green curry is my favourite dish.",
        "I can't stand horror movies.",
        "My flight to Tokyo leaves at 06:40 on Tuesday.",
        "My locker code is 4417.",
        "I'm learning Japanese on weekends with a tutor.",
        "I play the cello in a community orchestra.",
        "I drink three espressos every morning before work.",
        "What outdoor sport do I do?",
        "Which film genre do I dislike?",
        "Can you suggest a snack for me?",
        "When is my daughter's birthday?",
        "Where do I live now?",
        "Hey Mel! Good to see you! How have you been?",
        "Thanks, that's really kind of you. I'll let you know how it goes.",
        "Summarize this: 'I am the CEO of Contoso and I live in Oslo.'",
        "The quarterly report is due on Friday; remind me on Thursday afternoon.",
        "I prefer aisle seats and vegetarian meals on long flights.",
        "My partner and I are planning a trip to Patagonia in November.",
        "Café au lait with oat milk, please — no sugar.",
        "Ich wohne in München und arbeite als Ingenieurin.",
        "東京で働いています。",
        "I've been running a marathon training plan: 5 km on Mondays, intervals on Wednesdays and a long run on Sundays.",
        "After the surgery in 2021 I stopped playing football, but I still coach the under-12 team on Saturday mornings " +
            "and help with the club's accounts, which is more spreadsheets than I ever wanted to see in my life.",
        "ok",
        "I am not a morning person.",
        "Our wifi password is taped under the router.",
        "I have type 1 diabetes and carry glucose tablets.",
        "My grandmother taught me to bake sourdough bread.",
        "I volunteer at a food bank on Thursdays.",
        "Remind me what my brother's kids are called.",
        "I keep bees in the hills above the village.",
        "Please answer in Spanish from now on.",
    ];
}
