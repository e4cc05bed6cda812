using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>Enforces <c>Limits:MaxRequestBytes</c> in the app rather than in the server, so a body over the limit
/// gets its 413 even from a client that writes the whole body before it reads the answer (Node's HTTP client and
/// the SDKs built on it, .NET's HttpClient). When Kestrel enforced the limit it answered and closed the connection
/// mid-upload, and such clients saw a broken pipe (a connection error, which SDKs retry) instead of the 413. Now the
/// body is read through <see cref="LimitedRequestStream"/>, which fails the read past the limit with the same 413
/// <see cref="BadHttpRequestException"/> the readers already answer, and Kestrel, whose own limit is
/// <see cref="DrainBytes"/>, reads and discards the rest of the body after the answer as it does for any body the
/// app left unread. Past <see cref="DrainBytes"/> the server closes the connection as before. App code that asks
/// for <see cref="IHttpMaxRequestBodySizeFeature"/> sees the configured limit.</summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<LimitsOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        // A request that cannot have a body (a GET, a POST with Content-Length 0) has nothing to limit.
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return next(context);
        }

        var limit = options.Value.MaxRequestBytes;
        context.Features.Set<IHttpMaxRequestBodySizeFeature>(new ConfiguredLimit(limit));
        context.Request.Body = new LimitedRequestStream(context.Request.Body, limit, context.Request.ContentLength);
        return next(context);
    }

    /// <summary>The server's own limit: the configured one plus what it will read and discard to deliver a 413.</summary>
    public static long DrainBytes(long limit) => limit + Math.Max(limit * 4, 32L * 1024 * 1024);

    private sealed class ConfiguredLimit(long limit) : IHttpMaxRequestBodySizeFeature
    {
        public bool IsReadOnly => true;

        public long? MaxRequestBodySize
        {
            get => limit;
            set => throw new InvalidOperationException("The request body limit is set by Limits:MaxRequestBytes.");
        }
    }
}

/// <summary>A request body that fails the read taking it past <paramref name="limit"/> bytes (at once when the
/// declared length is over it) with a 413 <see cref="BadHttpRequestException"/>.</summary>
internal sealed class LimitedRequestStream(Stream inner, long limit, long? declaredLength) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ThrowIfDeclaredTooLarge();
        return Counted(inner.Read(buffer));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfDeclaredTooLarge();
        return Counted(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void ThrowIfDeclaredTooLarge()
    {
        if (declaredLength > limit)
        {
            throw TooLarge();
        }
    }

    private int Counted(int read)
    {
        _read += read;
        return _read > limit ? throw TooLarge() : read;
    }

    private static BadHttpRequestException TooLarge() =>
        new("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
}
