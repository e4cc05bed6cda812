using System.Text.Json.Nodes;

namespace Gateway.Pipeline;

/// <summary>One string of a request the input stage checks: the object and property it sits in and its text.
/// <paramref name="IsName"/>: a message's participant name, which is removed when the checks change it rather than
/// given a placeholder: no placeholder form is a valid name for every upstream (OpenAI has taken only
/// <c>^[a-zA-Z0-9_-]+$</c>), and the name is optional.</summary>
internal readonly record struct InputField(JsonObject Owner, string Key, string Text, bool IsName = false)
{
    /// <summary>Puts the checked form of <see cref="Text"/> in its place (when the checks changed it).</summary>
    public void Replace(string checkedText)
    {
        if (IsName)
        {
            Owner.Remove(Key);
        }
        else
        {
            Owner[Key] = checkedText;
        }
    }
}
