using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Gateway.Diagnostics;
using Gateway.Hosting.WarmUp;
using Gateway.Upstream.Dialects;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Gateway.Upstream;

/// <summary>Sends one call to the upstreams serving a model: each upstream's own resilience pipeline retries
/// connect errors, 429 and 5xx with jittered backoff and trips its circuit breaker; on failure the next upstream
/// serving the model is tried. Returns the response as soon as its headers arrive, so streams flow on.</summary>
public sealed class UpstreamClient(
    UpstreamRegistry registry,
    WarmUpGate warmUp,
    IHttpClientFactory httpClientFactory,
    GatewayMetrics metrics,
    ILogger<UpstreamClient> logger)
{
    /// <summary>Posts <paramref name="body"/> (JSON) to <paramref name="relativePath"/> of the upstreams serving
    /// <paramref name="model"/>. Non-retryable answers (2xx, 4xx but 429) are returned as they are.</summary>
    public Task<(HttpResponseMessage? Response, UpstreamEndpoint? Upstream, UpstreamFailure? Failure)> PostJsonAsync(
        string relativePath, byte[] body, string model, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, _ => new UpstreamCall(relativePath, body), registry.For(model), cancellationToken);

    /// <summary>Posts to the upstreams serving <paramref name="model"/> the call <paramref name="prepare"/> makes for
    /// each (its path and body depend on the API the upstream speaks); an upstream whose API cannot carry the
    /// request is skipped.</summary>
    internal Task<(HttpResponseMessage? Response, UpstreamEndpoint? Upstream, UpstreamFailure? Failure)> PostAsync(
        Func<UpstreamEndpoint, UpstreamCall> prepare, string model, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, prepare, registry.For(model), cancellationToken);

    /// <summary>GETs <paramref name="relativePath"/> from the upstreams in order.</summary>
    public Task<(HttpResponseMessage? Response, UpstreamEndpoint? Upstream, UpstreamFailure? Failure)> GetAsync(
        string relativePath, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, _ => new UpstreamCall(relativePath, null), registry.All, cancellationToken);

    private async Task<(HttpResponseMessage?, UpstreamEndpoint?, UpstreamFailure?)> SendAsync(
        HttpMethod method, Func<UpstreamEndpoint, UpstreamCall> prepare, IReadOnlyList<UpstreamEndpoint> candidates, CancellationToken cancellationToken)
    {
        if (WarmUpScope.IsActive)
        {
            // A warm-up call never reaches a configured upstream.
            candidates = warmUp.Upstream is { } builtIn ? [builtIn] : [];
        }

        UpstreamFailure? failure = null;
        var tried = new List<string>(candidates.Count);
        foreach (var upstream in candidates)
        {
            var call = prepare(upstream);
            if (!call.CanSend)
            {
                continue;
            }

            tried.Add(upstream.Name);
            var started = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(method, upstream.Resolve(call.Path));
            if (call.Body is not null)
            {
                request.Content = new ByteArrayContent(call.Body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            Authorize(request, upstream);

            try
            {
                var client = httpClientFactory.CreateClient(upstream.HttpClientName);
                var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                metrics.RecordUpstream(upstream.Name, status, Stopwatch.GetElapsedTime(started));
                if (status == 429 || status >= 500 || status is >= 300 and < 400)
                {
                    // A redirect is never followed (it would carry the prompt elsewhere): the upstream failed.
                    var what = status is >= 300 and < 400 ? $"it answered {status} {response.ReasonPhrase} (redirects are not followed)" : $"it answered {status} {response.ReasonPhrase}";
                    failure = new UpstreamFailure(status == 429 ? UpstreamFailureKind.RateLimited : UpstreamFailureKind.ServerError,
                        upstream.Name, what, tried.ToArray(), UpstreamRetries.RetryAfter(response));
                    GatewayLog.UpstreamFailed(logger, upstream.Name, failure.Kind.ToString(), status);
                    response.Dispose();
                    continue;
                }

                return (response, upstream, null);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (BrokenCircuitException)
            {
                failure = new UpstreamFailure(UpstreamFailureKind.CircuitOpen, upstream.Name, "circuit open", tried.ToArray());
            }
            catch (Exception e) when (e is TimeoutRejectedException or TaskCanceledException or OperationCanceledException)
            {
                failure = new UpstreamFailure(UpstreamFailureKind.Timeout, upstream.Name,
                    $"no response within {upstream.Options.TimeoutSeconds:0.#} s", tried.ToArray());
            }
            catch (HttpRequestException e)
            {
                failure = new UpstreamFailure(UpstreamFailureKind.Unreachable, upstream.Name, Describe(e), tried.ToArray());
            }

            metrics.RecordUpstream(upstream.Name, 0, Stopwatch.GetElapsedTime(started));
            GatewayLog.UpstreamFailed(logger, upstream.Name, failure.Kind.ToString(), 0);
        }

        return (null, null, failure ?? new UpstreamFailure(UpstreamFailureKind.Unreachable, "none", "no upstream configured", tried));
    }

    /// <summary>The upstream's key the way its API expects it: <c>x-api-key</c> and <c>anthropic-version</c> for
    /// Anthropic, <c>Authorization: Bearer</c> otherwise.</summary>
    private static void Authorize(HttpRequestMessage request, UpstreamEndpoint upstream)
    {
        if (upstream.Kind == UpstreamKind.Anthropic)
        {
            request.Headers.TryAddWithoutValidation("anthropic-version", upstream.Options.AnthropicVersion);
            if (upstream.ApiKey is not null)
            {
                request.Headers.TryAddWithoutValidation("x-api-key", upstream.ApiKey);
            }
        }
        else if (upstream.ApiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", upstream.ApiKey);
        }
    }

    private static string Describe(HttpRequestException e) => e.InnerException switch
    {
        SocketException s when s.SocketErrorCode == SocketError.ConnectionRefused => "connection refused",
        SocketException s => s.SocketErrorCode.ToString(),
        IOException => "connection closed",
        _ when e.StatusCode is HttpStatusCode code => $"HTTP {(int)code}",
        _ => e.HttpRequestError.ToString(),
    };
}
