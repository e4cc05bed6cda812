using System.Security.Cryptography;
using System.Text;
using Gateway.Auth;
using Gateway.Upstream;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting.WarmUp;

/// <summary>The warm-up's state and its secret: until <see cref="Finish"/>, health answers <c>starting</c>, and a
/// request that carries <see cref="Header"/> with this process's random token is a warm-up call (tenant
/// <see cref="Tenant"/>, which no app key can reach; sent to the built-in upstream at <see cref="UpstreamPath"/>,
/// never to a configured one). After it the token admits nothing.</summary>
public sealed class WarmUpGate
{
    /// <summary>The header a warm-up call carries its token in.</summary>
    public const string Header = "X-Gateway-Warm-Up";

    /// <summary>Where the built-in upstream answers warm-up calls (outside <c>/v1</c>, so no app route matches it).</summary>
    public const string UpstreamPath = "/~warm-up/upstream";

    /// <summary>The model warm-up calls name. The gateway's own LLM calls for it (consolidating the warm-up's
    /// turns) go to the built-in upstream too.</summary>
    public const string Model = "~warm-up";

    /// <summary>The warm-up's tenant: '~' is not allowed in configured tenant names, so no app key reaches it.</summary>
    public const string Tenant = "~warm-up";

    private readonly byte[] _token = Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
    private volatile bool _finished;

    public WarmUpGate(IOptions<WarmUpOptions> options)
    {
        _finished = options.Value.Rounds == 0;
        Caller = new CallerIdentity(Tenant, null, new HashSet<string>(StringComparer.Ordinal) { Scope.Chat, Scope.MemoryRead, Scope.MemoryWrite });
    }

    /// <summary>True once the warm-up has ended (or when it is off): health is no longer <c>starting</c>.</summary>
    public bool Finished => _finished;

    /// <summary>What the warm-up did, once it has ended.</summary>
    public WarmUpReport? Report { get; private set; }

    /// <summary>The caller warm-up calls run as.</summary>
    internal CallerIdentity Caller { get; }

    /// <summary>The token, for the warm-up's own client and upstream.</summary>
    internal string Token => Encoding.ASCII.GetString(_token);

    /// <summary>The built-in upstream warm-up calls go to, set when the warm-up learns the server's address.</summary>
    internal UpstreamEndpoint? Upstream { get; set; }

    /// <summary>True when <paramref name="value"/> is this process's token and the warm-up is still running.</summary>
    internal bool Admits(ReadOnlySpan<char> value)
    {
        if (_finished || value.Length != _token.Length)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[_token.Length];
        return Encoding.ASCII.GetBytes(value, bytes) == _token.Length && CryptographicOperations.FixedTimeEquals(bytes, _token);
    }

    /// <summary>When the warm-up ended (a <see cref="TimeProvider"/> timestamp; 0 while it runs or when it was off).</summary>
    public long FinishedAt { get; private set; }

    internal void Finish(WarmUpReport report, long finishedAt)
    {
        Report = report;
        FinishedAt = finishedAt;
        _finished = true;
    }
}
