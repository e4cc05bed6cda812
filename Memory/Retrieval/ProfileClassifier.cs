using System.Text.RegularExpressions;
using Memory.Model;

namespace Memory.Retrieval;

/// <summary>Recognises durable facts about the person (allergies, medical and accessibility needs, diet, name,
/// pronouns, language, answer-style preferences, location) with conservative patterns that need the fact to be
/// stated about someone ("is allergic to", "has a peanut allergy", "prefers concise answers"), not merely a
/// topic word ("read an article about allergies"). A memory's <c>profile</c> metadata (<c>true</c>/<c>false</c>)
/// overrides the patterns, so extractors and apps can say it outright.</summary>
internal static partial class ProfileClassifier
{
    /// <summary>Metadata key that marks a memory as part of the profile (<c>true</c>) or not (<c>false</c>).</summary>
    public const string MetadataKey = "profile";

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private const string Be = @"(?:is|am|are|was|'m|’m|being|has\s+been|have\s+been|became|becomes|got|gets)";
    private const string Have = @"(?:has|have|had|having|with|lives\s+with|suffers\s+from|diagnosed\s+with)";
    private const string Adverb = @"(?:(?:very|severely|highly|mildly|deathly|seriously|strictly|mostly|fully|now|also|still|legally|partially|completely|totally)\s+)?";
    private const string Languages =
        "english|french|spanish|german|italian|portuguese|dutch|polish|russian|ukrainian|chinese|mandarin|cantonese|" +
        "japanese|korean|arabic|hebrew|hindi|urdu|bengali|punjabi|tamil|turkish|greek|swedish|norwegian|danish|finnish|" +
        "icelandic|czech|slovak|hungarian|romanian|bulgarian|serbian|croatian|vietnamese|thai|indonesian|malay|tagalog|" +
        "filipino|swahili|persian|farsi|catalan|basque|welsh|irish|esperanto";

    /// <summary>The memory's profile category, or <see cref="ProfileCategory.None"/>.</summary>
    public static ProfileCategory Classify(MemoryItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Metadata.TryGetValue(MetadataKey, out var flag))
        {
            if (string.Equals(flag, "false", StringComparison.OrdinalIgnoreCase))
            {
                return ProfileCategory.None;
            }

            if (string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase))
            {
                var category = Classify(item.Text);
                return category == ProfileCategory.None ? ProfileCategory.Style : category;
            }
        }

        return Classify(item.Text);
    }

    /// <summary>The profile category a text states, or <see cref="ProfileCategory.None"/>.</summary>
    public static ProfileCategory Classify(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ProfileCategory.None;
        }

        if (AllergyPattern().IsMatch(text)) return ProfileCategory.Allergy;
        if (MedicalPattern().IsMatch(text)) return ProfileCategory.Medical;
        if (DietPattern().IsMatch(text)) return ProfileCategory.Diet;
        if (AccessibilityPattern().IsMatch(text)) return ProfileCategory.Accessibility;
        if (NamePattern().IsMatch(text)) return ProfileCategory.Name;
        if (PronounsPattern().IsMatch(text)) return ProfileCategory.Pronouns;
        if (LanguagePattern().IsMatch(text)) return ProfileCategory.Language;
        if (StylePattern().IsMatch(text)) return ProfileCategory.Style;
        if (LocationPattern().IsMatch(text)) return ProfileCategory.Location;
        return ProfileCategory.None;
    }

    [GeneratedRegex(
        @"\b" + Be + @"\s+" + Adverb + @"(?:(?:lactose|gluten|dairy|wheat|fructose|histamine|soy|egg|nut|peanut|penicillin)\s+)?(?:allergic|intolerant|hypersensitive)\b" +
        @"|\ballergic\s+(?:to|reaction)\b" +
        @"|\b" + Have + @"\s+(?:an?\s+|some\s+|multiple\s+|several\s+|food\s+)?(?:[\w-]+\s+){0,3}(?:allergy|allergies|intolerance|intolerances)\b" +
        @"|\b(?:coeliac|celiac)\b|\banaphyla\w*|\bepi-?pens?\b",
        Options)]
    private static partial Regex AllergyPattern();

    [GeneratedRegex(
        @"\b" + Be + @"\s+" + Adverb + @"(?:an?\s+)?(?:diabetic|epileptic|asthmatic|pregnant|immunocompromised|hypertensive|anemic|anaemic)\b" +
        @"|\b" + Have + @"\s+(?:type\s*[12]\s+)?(?:diabetes|epilepsy|asthma|adhd|add|ptsd|ocd|autism|dyslexia|arthritis|migraines?|hypertension|high\s+blood\s+pressure|a\s+heart\s+condition|heart\s+disease|kidney\s+disease|crohn'?s|ibs|pcos|long\s+covid|chronic\s+(?:pain|fatigue|illness))\b" +
        @"|\btakes?\s+(?:daily\s+)?(?:insulin|blood\s+thinners|medication\s+for)\b",
        Options)]
    private static partial Regex MedicalPattern();

    [GeneratedRegex(
        @"\b(?:" + Be + @"|eats?|eating|follows?|following|keeps?|went|gone|going|turned|stays?)\s+" + Adverb +
        @"(?:an?\s+)?(?:vegetarian|vegan|pescatarian|pescetarian|halal|kosher|keto|paleo|gluten[- ]free|dairy[- ]free|lactose[- ]free|plant[- ]based|teetotal)\b" +
        @"|\b(?:doesn't|does\s+not|don't|do\s+not|never|can't|cannot|can\s+not|won't|will\s+not|must\s+not|shouldn't|should\s+not)\s+(?:eat|eats|drink|drinks|have|consume)\s+(?:any\s+)?(?:meat|fish|pork|beef|chicken|seafood|shellfish|dairy|milk|cheese|eggs?|gluten|wheat|nuts|peanuts|sugar|alcohol|caffeine|animal\s+products)\b" +
        @"|\bavoids?\s+(?:all\s+|any\s+|eating\s+)?(?:meat|fish|pork|beef|seafood|shellfish|dairy|gluten|wheat|eggs|nuts|peanuts|sugar|alcohol|caffeine|animal\s+products)\b" +
        @"|\bon\s+an?\s+(?:[\w-]+\s+){0,2}diet\b",
        Options)]
    private static partial Regex DietPattern();

    [GeneratedRegex(
        @"\b(?:uses?|using|in)\s+an?\s+(?:power\s+|electric\s+)?wheelchair\b|\bwheelchair\s+user\b" +
        @"|\b" + Be + @"\s+" + Adverb + @"(?:blind|deaf|hard\s+of\s+hearing|visually\s+impaired|hearing\s+impaired|colou?r[- ]?blind|dyslexic|autistic|neurodivergent|paralyzed|paralysed|an\s+amputee)\b" +
        @"|\b(?:uses?|relies\s+on|needs?)\s+(?:a\s+)?(?:screen\s*reader|hearing\s+aids?|sign\s+language|captions|large\s+(?:print|text|fonts?)|magnifier)\b",
        Options)]
    private static partial Regex AccessibilityPattern();

    [GeneratedRegex(
        @"(?i:\b(?:(?:full|first|last|real|legal|preferred|nick)\s*)?name\s+is\s+)\w" +
        @"|(?i:\b(?:goes|go)\s+by\s+(?:the\s+name\s+)?)[""'“]?[A-Z]" +
        @"|(?i:\b(?:prefers?|likes?|wants?|asks?)\s+to\s+be\s+(?:called|addressed\s+as)\s+)\w" +
        @"|\b(?:is|am)\s+(?:called|named)\s+[A-Z]" +
        @"|(?i:\bcall\s+(?:me|him|her|them)\s+)[A-Z]",
        RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\bpronouns?\b|\b(?:she/her|he/him|they/them|ze/zir|xe/xem|she/they|he/they)\b", Options)]
    private static partial Regex PronounsPattern();

    [GeneratedRegex(
        @"\b(?:native\s+language|mother\s+tongue|first\s+language|native\s+speaker)\b" +
        @"|\b(?:speaks?|speaking|fluent\s+in|native|bilingual\s+in|(?:answers|responses|replies|explanations)\s+in|reads?\s+in|writes?\s+in|prefers?\s+(?:to\s+(?:talk|chat|write)\s+)?in)\s+(?:(?:fluent|native|basic|some|only|mostly)\s+)?(?:(?:british|american|us|uk|australian|canadian|brazilian|european|mexican|swiss|simplified|traditional)\s+)?(?:" + Languages + @")\b",
        Options)]
    private static partial Regex LanguagePattern();

    [GeneratedRegex(
        @"\b(?:prefers?|likes?|wants?|wishes|needs?|asks?\s+for|expects?)\s+(?:(?:short|concise|brief|detailed|long|in-depth|thorough|simple|plain|technical|formal|informal|casual|direct|step[- ]by[- ]step|bulleted|friendly|polite)[,\s]+(?:and\s+|or\s+)?)+(?:answers?|responses?|replies|explanations?|summaries|messages|language|tone|instructions)\b" +
        @"|\b(?:prefers?|likes?|wants?)\s+(?:answers?|responses?|replies|explanations?)\s+(?:to\s+be\s+)?(?:short|concise|brief|detailed|in\s+bullet|with\s+examples|without)\b" +
        @"|\b(?:no|without|avoid|avoids|hates?|dislikes?|doesn't\s+like|does\s+not\s+like)\s+(?:any\s+)?(?:emojis?|emoticons|bullet\s+(?:points|lists)|jargon|small\s+talk|exclamation\s+marks)\b" +
        @"|\bkeep\s+(?:it|answers|responses|replies)\s+(?:short|brief|concise|simple)\b" +
        @"|\bprefers?\s+(?:the\s+)?(?:metric|imperial)\s+(?:units|system)\b|\bprefers?\s+(?:celsius|fahrenheit|24-hour|12-hour)\b",
        Options)]
    private static partial Regex StylePattern();

    [GeneratedRegex(
        @"\b(?:lives|living|resides|residing|is\s+based|am\s+based|are\s+based|is\s+located|am\s+located)\s+in\b" +
        @"|\b(?:recently\s+)?moved\s+to\b|\b(?:home\s*town|time\s*zone)\s+is\b",
        Options)]
    private static partial Regex LocationPattern();
}
