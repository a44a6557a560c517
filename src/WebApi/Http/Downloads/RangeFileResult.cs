using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace KeyBox.WebApi.Http.Downloads;

/// <summary>
/// Streams a seekable file with Content-Length, Content-Disposition: attachment, an ETag and Last-Modified, and
/// single-range support (<c>Range: bytes=a-b</c>, <c>bytes=a-</c>, <c>bytes=-n</c> → 206 with Content-Range; an
/// unsatisfiable range → 416; <c>If-Range</c> honoured). ASP.NET's own file results process ranges for GET and HEAD
/// only, but update downloads are POSTs, so this result does it for any method. Multi-range requests get the whole
/// file (200), which RFC 9110 allows. The stream is copied in pooled chunks and disposed afterwards.
/// </summary>
public sealed class RangeFileResult(Stream content, string contentType, string fileName, EntityTagHeaderValue entityTag, DateTimeOffset lastModified)
    : IActionResult
{
    private const int ChunkSize = 64 * 1024;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var stream = content;
        var request = context.HttpContext.Request;
        var response = context.HttpContext.Response;
        var length = stream.Length;

        var headers = response.GetTypedHeaders();
        response.ContentType = contentType;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.AcceptRanges = "bytes";
        headers.ETag = entityTag;
        headers.LastModified = TruncateToSeconds(lastModified);

        long start = 0;
        var end = length - 1;
        var requestHeaders = request.GetTypedHeaders();
        if (requestHeaders.Range is { Ranges.Count: 1 } range
            && range.Unit.Equals("bytes", StringComparison.OrdinalIgnoreCase)
            && IfRangeAllows(requestHeaders))
        {
            var requested = range.Ranges.Single();
            if (!TryResolve(requested, length, out start, out end))
            {
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.Headers.ContentRange = new ContentRangeHeaderValue(length).ToString();
                response.ContentLength = 0;
                return;
            }

            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = new ContentRangeHeaderValue(start, end, length).ToString();
        }

        var count = end - start + 1;
        response.ContentLength = count;
        if (HttpMethods.IsHead(request.Method) || count == 0)
        {
            return;
        }

        stream.Seek(start, SeekOrigin.Begin);
        await CopyAsync(stream, response.Body, count, context.HttpContext.RequestAborted);
    }

    private bool IfRangeAllows(RequestHeaders headers)
    {
        var ifRange = headers.IfRange;
        if (ifRange is null)
        {
            return true;
        }

        if (ifRange.EntityTag is { } tag)
        {
            return !tag.IsWeak && tag.Compare(entityTag, useStrongComparison: true);
        }

        return ifRange.LastModified is { } since && TruncateToSeconds(lastModified) <= since;
    }

    private static bool TryResolve(RangeItemHeaderValue range, long length, out long start, out long end)
    {
        start = 0;
        end = -1;
        if (length == 0)
        {
            return false;
        }

        if (range.From is { } from)
        {
            start = from;
            end = Math.Min(range.To ?? length - 1, length - 1);
            return start < length && start <= end;
        }

        // A suffix range: the last N bytes.
        if (range.To is { } suffix && suffix > 0)
        {
            start = Math.Max(0, length - suffix);
            end = length - 1;
            return true;
        }

        return false;
    }

    private static async Task CopyAsync(Stream source, Stream destination, long count, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            while (count > 0)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(ChunkSize, count)), cancellationToken);
                if (read == 0)
                {
                    throw new EndOfStreamException(string.Create(CultureInfo.InvariantCulture, $"The stored file ended {count} bytes early."));
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                count -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
