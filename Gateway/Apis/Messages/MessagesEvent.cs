using System.Text.Json.Nodes;

namespace Gateway.Apis.Messages;

/// <summary>One Messages stream event: its <c>event:</c> name and its <c>data:</c> JSON (whose <c>type</c> repeats the name).</summary>
internal readonly record struct MessagesEvent(string Name, JsonObject Data)
{
    public static MessagesEvent Of(string name, JsonObject data)
    {
        var body = new JsonObject { ["type"] = name };
        foreach (var (key, value) in data.ToList())
        {
            data.Remove(key);
            body[key] = value;
        }

        return new MessagesEvent(name, body);
    }
}
