namespace KeyBox.WebApi.Http.Uploads;

/// <summary>
/// A multipart part's body that reports a malformed multipart request (it ends before its closing boundary, a part's
/// headers are too long) as the client's fault, a 400, rather than as an I/O failure of the server.
/// </summary>
internal sealed class MalformedMultipartStream(Stream inner) : Stream
{
    private const string Message = "The multipart body is malformed or ends before its closing boundary.";

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    /// <summary>Runs a read of the multipart reader, turning a malformed body into a 400.</summary>
    public static async Task<T> Guard<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception ex) when (IsMalformed(ex))
        {
            throw new BadHttpRequestException(Message, StatusCodes.Status400BadRequest, ex);
        }
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return inner.Read(buffer, offset, count);
        }
        catch (Exception ex) when (IsMalformed(ex))
        {
            throw new BadHttpRequestException(Message, StatusCodes.Status400BadRequest, ex);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception ex) when (IsMalformed(ex))
        {
            throw new BadHttpRequestException(Message, StatusCodes.Status400BadRequest, ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

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

    // A BadHttpRequestException (body too large, client gone) is already the right answer; anything else the
    // multipart reader throws is about the bytes the client sent.
    private static bool IsMalformed(Exception ex) =>
        ex is InvalidDataException || (ex is IOException && ex is not BadHttpRequestException);
}
