namespace Memory.Retrieval.QueryForms;

/// <summary>What kind of answer a question asks for, read from its form ("When ...?" wants a time).</summary>
internal enum AnswerType
{
    /// <summary>Any answer ("What ...?", "Do I ...?"): no prior.</summary>
    None,

    /// <summary>"When", "What time", "Which day", "How often": a date, day, time of day, season or frequency.</summary>
    Time,

    /// <summary>"How many", "How much", "How old", "How tall": a number.</summary>
    Quantity,

    /// <summary>"Who", "Whose", "What is my cat called?": a name.</summary>
    Name,

    /// <summary>"Where": a named place.</summary>
    Place,
}
