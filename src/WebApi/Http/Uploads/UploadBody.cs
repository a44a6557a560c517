using KeyBox.Domain.Common;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace KeyBox.WebApi.Http.Uploads;

/// <summary>The uploaded file's bytes, still unread, and the name the uploader gave it.</summary>
public sealed record UploadBody(Stream Content, string? FileName)
{
    /// <summary>
    /// A raw body (any content type; the name from <c>?file_name=</c> or a <c>Content-Disposition</c> header), or
    /// <c>multipart/form-data</c>, whose first file part (a part with a file name, or the part named <c>file</c>) is
    /// the file. Nothing is buffered: the returned stream reads straight from the request.
    /// </summary>
    public static async Task<UploadBody> OpenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await OpenFilePartAsync(request, mediaType, cancellationToken);
        }

        var fileName = request.Query["file_name"].ToString();
        if (fileName.Length == 0 && ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition))
        {
            fileName = FileNameOf(disposition) ?? string.Empty;
        }

        return new UploadBody(request.Body, fileName.Length == 0 ? null : fileName);
    }

    private static async Task<UploadBody> OpenFilePartAsync(HttpRequest request, MediaTypeHeaderValue mediaType, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary))
        {
            throw new DomainException(ErrorCodes.ValidationFailed, "The multipart body has no boundary.", "File");
        }

        var reader = new MultipartReader(boundary, request.Body);
        while (await MalformedMultipartStream.Guard(() => reader.ReadNextSectionAsync(cancellationToken)) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                && (disposition.IsFileDisposition() || HeaderUtilities.RemoveQuotes(disposition.Name).Equals("file", StringComparison.OrdinalIgnoreCase)))
            {
                return new UploadBody(new MalformedMultipartStream(section.Body), FileNameOf(disposition));
            }

            // Any other part is skipped: the reader drains it when asked for the next one.
        }

        throw new DomainException(ErrorCodes.ValidationFailed, "The multipart body has no file: send it in a part named 'file'.", "File");
    }

    private static string? FileNameOf(ContentDispositionHeaderValue disposition)
    {
        var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value;
        if (string.IsNullOrEmpty(name))
        {
            name = HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
        }

        return string.IsNullOrWhiteSpace(name) ? null : name;
    }
}
