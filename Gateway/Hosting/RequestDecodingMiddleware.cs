using Gateway.OpenAI;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RequestDecompression;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gateway.Hosting;

/// <summary>A compressed request body (<c>Content-Encoding</c> gzip, br or deflate, as OpenAI's and Anthropic's clients
/// may send) is read decompressed, through ASP.NET Core's request decompression providers. <c>Limits:MaxRequestBytes</c>
/// then counts the decompressed bytes too (the wire bytes stay limited by <see cref="RequestBodyLimitMiddleware"/>), so
/// a small body that inflates past the limit is a 413 like any large one. Data that is not what its encoding says is a
/// 400, and an encoding the gateway cannot read (zstd, compress, several codings at once) a 415 naming those it takes,
/// in the API's error shape. <c>identity</c> is the plain body.</summary>
internal sealed class RequestDecodingMiddleware(RequestDelegate next, IRequestDecompressionProvider decompression, IOptions<LimitsOptions> limits)
{
    /// <summary>The codings the gateway reads, as a 415 lists them in <c>Accept-Encoding</c> (RFC 7694).</summary>
    public const string Supported = "gzip, br, deflate";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        var coding = headers.ContentEncoding;
        if (coding.Count == 0 || context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return next(context);
        }

        var name = coding.ToString().Trim();
        if (name.Equals("identity", StringComparison.OrdinalIgnoreCase) || name.Length == 0)
        {
            headers.Remove(HeaderNames.ContentEncoding);
            return next(context);
        }

        if (decompression.GetDecompressionStream(context) is not { } decompressed)
        {
            context.Response.Headers.AcceptEncoding = Supported;
            return OpenAIError.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType,
                $"Content-Encoding '{Printable(name)}' is not supported: send the body as it is or compressed with one of {Supported}.",
                "invalid_request_error", "unsupported_content_encoding");
        }

        context.Request.Body = new LimitedRequestStream(new DecodedRequestStream(decompressed, name.ToLowerInvariant()), limits.Value.MaxRequestBytes, declaredLength: null);
        return next(context);
    }

    /// <summary>The header as the message may show it: at most 32 printable ASCII characters.</summary>
    private static string Printable(string value)
    {
        var kept = new string([.. value.Where(c => c is >= ' ' and <= '~' and not '\'').Take(32)]);
        return kept.Length == 0 ? "?" : kept;
    }
}

/// <summary>A decompressing stream whose "not that format" failures (<see cref="InvalidDataException"/> from gzip and
/// deflate, <see cref="InvalidOperationException"/> from brotli) become the 400 <see cref="BadHttpRequestException"/>
/// every body reader already answers, instead of an unexpected exception (a 500).</summary>
internal sealed class DecodedRequestStream(Stream inner, string coding) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return inner.Read(buffer);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
        {
            throw NotDecodable();
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
        {
            throw NotDecodable();
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private BadHttpRequestException NotDecodable() =>
        new($"The request body is not valid {coding} data, as its Content-Encoding says it is.", StatusCodes.Status400BadRequest);
}
