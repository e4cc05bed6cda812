using System.Diagnostics;
using System.Net;

namespace Gateway.Tests.Infrastructure;

/// <summary>The built gateway (<c>Gateway.dll</c> beside the tests) as a process of its own, the way it runs in
/// production, so a test can kill it outright (SIGKILL: no shutdown hook, no flush) and start it again on the same
/// files.</summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringWriter _output;

    private const string ListeningOn = "Now listening on: ";

    private GatewayProcess(Process process, string baseUrl, StringWriter output)
    {
        _process = process;
        _output = output;
        BaseUrl = baseUrl;
        Client = new HttpClient { BaseAddress = new Uri(baseUrl + "/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string BaseUrl { get; }
    public HttpClient Client { get; }

    /// <summary>What the process wrote so far (for a failing assertion's message).</summary>
    public string Output => Snapshot(_output);

    /// <summary>Starts the gateway on a loopback port Kestrel picks itself (port 0: a port chosen beforehand and released
    /// can be taken by another test's server in between, and <c>/healthz</c> would then answer from the wrong gateway)
    /// with <paramref name="settings"/> as environment variables (<c>Section__Key</c>), reads the address from its
    /// "Now listening on" line, and waits until <c>/healthz</c> there answers 200.</summary>
    public static async Task<GatewayProcess> StartAsync(IDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Gateway.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var key in start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key); // the machine's own gateway settings must not leak into the test
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        // The line that names the bound address is logged at Information whatever the test's default level.
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringWriter();
        void Read(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.WriteLine(line);
            }

            var at = line.IndexOf(ListeningOn, StringComparison.Ordinal);
            if (at >= 0)
            {
                listening.TrySetResult(line[(at + ListeningOn.Length)..].Trim().TrimEnd('/'));
            }
        }

        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!listening.Task.IsCompleted)
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var exited = process.HasExited ? $"exited with {process.ExitCode}" : "named no address within 90 s";
                process.Kill(entireProcessTree: true);
                process.Dispose();
                throw new InvalidOperationException($"The gateway {exited}:\n{Snapshot(output)}");
            }

            await Task.WhenAny(listening.Task, Task.Delay(100));
        }

        var gateway = new GatewayProcess(process, await listening.Task, output);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited with {process.ExitCode}:\n{gateway.Output}");
            }

            try
            {
                using var health = await probe.GetAsync(new Uri(gateway.BaseUrl + "/healthz"));
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return gateway;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }

            await Task.Delay(100);
        }

        await gateway.DisposeAsync();
        throw new TimeoutException($"The gateway was not healthy within 90 s:\n{gateway.Output}");
    }

    /// <summary>SIGKILL: the process ends at once, with whatever it had not written.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string Snapshot(StringWriter output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
