using System.Text;
using Guardrails.Abstractions;

namespace Guardrails.Tests.Support;

/// <summary>Pushes chunks through a streaming guard as a response would, asserting none is blocked, and returns what
/// the client would have received.</summary>
internal static class StreamDrain
{
    public static async Task<string> DrainAsync(this IStreamingGuard guard, IEnumerable<string> chunks)
    {
        var output = new StringBuilder();
        foreach (var chunk in chunks)
        {
            var result = await guard.PushAsync(chunk);
            Assert.False(result.Blocked, result.Reason);
            output.Append(result.Emit);
        }

        output.Append((await guard.CompleteAsync()).Emit);
        return output.ToString();
    }
}
