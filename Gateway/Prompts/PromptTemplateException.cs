namespace Gateway.Prompts;

/// <summary>A template cannot be rendered: it does not exist, or a required variable has no value.</summary>
public sealed class PromptTemplateException : Exception
{
    public PromptTemplateException()
    {
    }

    public PromptTemplateException(string message)
        : base(message)
    {
    }

    public PromptTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
