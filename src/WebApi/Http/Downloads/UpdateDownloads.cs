using System.Globalization;
using KeyBox.Application.Versions;
using KeyBox.Application.Versions.Queries.DownloadUpdate;
using KeyBox.Domain.Versions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace KeyBox.WebApi.Http.Downloads;

/// <summary>
/// What the update routes of the External and the LicenseBox surfaces share: the <c>{type}</c> route constraint,
/// its file kind, whether a range request resumes a counted download, the checksum and size headers, and the file result.
/// </summary>
public static class UpdateDownloads
{
    /// <summary>The <c>{type}</c> route segment: <c>main</c> (the zip) or <c>sql</c>.</summary>
    public const string TypeConstraint = "{type:regex(^(main|sql)$)}";

    /// <summary>The file's SHA-256, hex.</summary>
    public const string ChecksumHeader = "X-Checksum-SHA256";

    /// <summary>The file's size in bytes, on the JSON size answers (whose Content-Length is the JSON's).</summary>
    public const string FileSizeHeader = "X-File-Size";

    public static VersionFileKind KindOf(string type) =>
        type.Equals("sql", StringComparison.OrdinalIgnoreCase) ? VersionFileKind.Sql : VersionFileKind.Main;

    /// <summary>A range request that does not start at the first byte continues a download already counted.</summary>
    public static bool IsResumption(HttpRequest request) =>
        request.GetTypedHeaders().Range is { Ranges.Count: > 0 } range && range.Ranges.All(r => r.From is null or > 0);

    /// <summary>HEAD of a file: its checksum, Content-Type and Content-Length, no body.</summary>
    public static IActionResult Head(HttpResponse response, UpdateFileDto file)
    {
        response.Headers[ChecksumHeader] = file.Sha256;
        response.ContentType = file.ContentType;
        response.ContentLength = file.Size;
        return new EmptyResult();
    }

    /// <summary>The checksum and X-File-Size headers of a JSON size answer.</summary>
    public static void AddSizeHeaders(HttpResponse response, UpdateFileDto file)
    {
        response.Headers[ChecksumHeader] = file.Sha256;
        response.Headers[FileSizeHeader] = file.Size.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The file, streamed with range support, its checksum header and an ETag of its SHA-256; with
    /// <paramref name="digest"/>, also the <c>Digest: sha-256=</c> header (base64).
    /// </summary>
    public static IActionResult File(HttpResponse response, UpdateFileDownload download, bool digest)
    {
        var file = download.File;
        response.Headers[ChecksumHeader] = file.Sha256;
        if (digest)
        {
            response.Headers["Digest"] = "sha-256=" + Convert.ToBase64String(Convert.FromHexString(file.Sha256));
        }

        return new RangeFileResult(download.Content, file.ContentType, file.FileName, new EntityTagHeaderValue($"\"{file.Sha256}\""), file.UploadedAt);
    }
}
