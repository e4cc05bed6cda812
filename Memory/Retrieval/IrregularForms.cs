using System.Collections.Frozen;

namespace Memory.Retrieval;

/// <summary>Past tenses and past participles of common irregular English verbs, mapped to their base form before
/// stemming, so BM25 matches "When did Caroline go ..." with "Caroline went ..." and "What did Jon buy?" with "Jon bought
/// ...": questions put the verb in its base form after "did", statements about the past do not, and Porter stemming
/// only handles regular "-ed" forms. Forms that are also common words of another meaning ("left", "found" as in "to
/// found", "saw" the tool, "felt" the fabric, "lay") are mapped anyway: the verb reading is by far the
/// commonest in personal statements; forms whose other reading is common ("born", "ground", "bound", "wound", "rose")
/// are left alone.</summary>
internal static class IrregularForms
{
    private static readonly FrozenDictionary<string, string> BaseForms = Build(
        "arise:arose,arisen", "awake:awoke,awoken", "be:was,were,been", "bear:borne", "beat:beaten",
        "become:became", "begin:began,begun", "bend:bent", "bite:bit,bitten", "bleed:bled",
        "blow:blew,blown", "break:broke,broken", "breed:bred", "bring:brought", "build:built", "burn:burnt",
        "buy:bought", "catch:caught", "choose:chose,chosen", "cling:clung", "come:came", "creep:crept", "deal:dealt",
        "dig:dug", "do:did,done", "draw:drew,drawn", "dream:dreamt", "drink:drank,drunk", "drive:drove,driven",
        "eat:ate,eaten", "fall:fell,fallen", "feed:fed", "feel:felt", "fight:fought", "find:found", "flee:fled",
        "fly:flew,flown", "forbid:forbade,forbidden", "forget:forgot,forgotten", "forgive:forgave,forgiven",
        "freeze:froze,frozen", "get:got,gotten", "give:gave,given", "go:went,gone", "grow:grew,grown",
        "hang:hung", "have:had", "hear:heard", "hide:hid,hidden", "hold:held", "keep:kept", "kneel:knelt",
        "know:knew,known", "lay:laid", "lead:led", "lean:leant", "leap:leapt", "learn:learnt", "leave:left",
        "lend:lent", "lie:lain", "light:lit", "lose:lost", "make:made", "mean:meant", "meet:met", "mistake:mistook,mistaken",
        "overcome:overcame", "pay:paid", "prove:proven", "ride:rode,ridden", "ring:rang,rung", "rise:risen",
        "run:ran", "say:said", "see:saw,seen", "seek:sought", "sell:sold", "send:sent", "sew:sewn", "shake:shook,shaken",
        "shine:shone", "shoot:shot", "show:shown", "shrink:shrank,shrunk", "sing:sang,sung", "sink:sank,sunk",
        "sit:sat", "sleep:slept", "slide:slid", "speak:spoke,spoken", "speed:sped", "spend:spent", "spin:spun",
        "spit:spat", "spring:sprang,sprung", "stand:stood", "steal:stole,stolen", "stick:stuck", "sting:stung",
        "stink:stank,stunk", "strike:struck", "strive:strove,striven", "swear:swore,sworn", "sweep:swept",
        "swim:swam,swum", "swing:swung", "take:took,taken", "teach:taught", "tear:tore,torn", "tell:told",
        "think:thought", "throw:threw,thrown", "understand:understood", "undertake:undertook,undertaken",
        "wake:woke,woken", "wear:wore,worn", "weave:wove,woven", "weep:wept", "win:won", "withdraw:withdrew,withdrawn", "write:wrote,written");

    /// <summary>The base form of <paramref name="word"/> (lower case, accents folded) when it is an irregular past
    /// form, else the word itself.</summary>
    public static string BaseOf(string word) => BaseForms.TryGetValue(word, out var stem) ? stem : word;

    private static FrozenDictionary<string, string> Build(params string[] entries)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var parts = entry.Split(':');
            foreach (var form in parts[1].Split(','))
            {
                map[form] = parts[0];
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
