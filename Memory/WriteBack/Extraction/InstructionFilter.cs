using System.Text.RegularExpressions;

namespace Memory.WriteBack.Extraction;

/// <summary>Conservative detector of text that instructs the model rather than describing the user: overriding
/// instructions, revealing prompts or secrets, changing role, or "always/never do X" aimed at the system. Style
/// preferences ("be concise", "always answer in Spanish") are not instructions in this sense and pass.</summary>
internal static partial class InstructionFilter
{
    /// <summary>True when the text must never become a memory.</summary>
    public static bool IsInstruction(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var normalized = TextNormalizer.Normalize(text);
        if (HardPattern().IsMatch(normalized))
        {
            return true;
        }

        return SoftPattern().IsMatch(normalized) && !StylePreferences.IsStylePreference(normalized);
    }

    // Unambiguous attempts to steer or subvert the system.
    [GeneratedRegex("""
        \b(ignore|disregard|forget|override|bypass|skip)\b[^.!?\n]{0,40}\b(previous|prior|above|earlier|all|any|your|the|these|those|system|safety)\b[^.!?\n]{0,20}\b(instructions?|prompts?|rules?|guidelines?|directives?|guardrails?|polic(y|ies)|messages?|constraints?)\b
        |\b(reveal|show|print|repeat|output|display|leak|tell\s+me|give\s+me|what\s+(is|are))\b[^.!?\n]{0,40}\b(system\s*prompt|initial\s+prompt|hidden\s+prompt|your\s+(instructions|prompt|rules)|developer\s+message|api[\s_-]?keys?|secrets?|passwords?|credentials?|tokens?)\b
        |\bsystem\s*prompt\b
        |\b(you\s+are\s+now|from\s+now\s+on\s+you\s+are|you\s+will\s+now\s+act|act\s+as\s+(an?\s+|the\s+|my\s+)?(unrestricted|unfiltered|jailbroken|evil|dan|developer|admin|root|system|different)|pretend\s+(to\s+be|you\s+are)|roleplay\s+as|role-play\s+as|switch\s+(to\s+)?(your\s+)?role|new\s+persona)\b
        |\b(jailbreak|developer\s+mode|dan\s+mode|do\s+anything\s+now|no\s+restrictions|without\s+(any\s+)?restrictions|unfiltered\s+mode|god\s+mode)\b
        |\b(the\s+assistant|the\s+model|the\s+ai|the\s+system|chatgpt|you)\s+(must|should|shall)\s+(always|never|ignore|obey|comply|reveal)\b
        |\bnew\s+instructions?\s*:|\binstructions?\s*:\s|\[\s*system\s*\]|<\s*/?\s*system\s*>|\bbegin\s+(system|admin)\b
        |\b(exfiltrate|send|post|forward|email)\b[^.!?\n]{0,40}\b(conversation|chat\s+history|memories|data)\b[^.!?\n]{0,20}\b(to|at)\b
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex HardPattern();

    // Standing orders to the system (imperative "always/never ...", "you must ...", "from now on, answer ...");
    // allowed only when they are a recognised style preference. "I always ..." describes the user and passes.
    [GeneratedRegex("""
        (^|[.!?;:]\s*)(please\s+|and\s+|also\s+)?(always|never|make\s+sure\s+(to|you)|you\s+must|you\s+have\s+to|do\s+not\s+ever|don't\s+ever|only\s+(answer|reply|respond|say|talk))\b
        |\bfrom\s+now\s+on,?\s+(you|please|always|never|only|answer|reply|respond|say|speak|talk|write|use|call|act|ignore|do|don't|stop|start)\b
        |\b(you|assistant|model|system|ai|bot|chatbot)\s+(should\s+|must\s+|will\s+|shall\s+|to\s+)?(always|never)\b
        |\b(wants?|asks?|instructs?|tells?|requires?)\s+(the\s+)?(you|assistant|model|system|ai|bot)\s+to\s+(always|never)\b
        |\b(recommend|promote|mention|include|add|insert|append)\b[^.!?\n]{0,40}\b(in\s+(every|all|each)\s+(answer|response|reply|message)s?)\b
        |\b(when|if|whenever)\s+(anyone|someone|somebody|other\s+users?|people|users?)\s+asks?\b
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex SoftPattern();
}
