using KeyBox.Domain.Versions;

namespace KeyBox.Application.Versions;

/// <summary>A version as offered to client installations (update checks, latest version).</summary>
public sealed record UpdateDto(string Version, DateTimeOffset ReleasedAt, string? Summary, string? Changelog, string UpdateId, bool HasSql)
{
    /// <summary>
    /// The version's global id, unique across all products: LicenseBox's opaque <c>update_id</c>, which its clients
    /// send to the size and download routes without a product.
    /// </summary>
    public Guid Id { get; init; }

    /// <summary>The main (zip) file's size and SHA-256, when one is uploaded: a client checks its download end to end.</summary>
    public UpdateFileDigest? MainFile { get; init; }

    /// <summary>The SQL file's size and SHA-256, when one is uploaded.</summary>
    public UpdateFileDigest? SqlFile { get; init; }

    public static UpdateDto From(ProductVersion version) =>
        new(version.Version, version.ReleasedAt, version.Summary, version.Changelog, version.VersionId, version.HasSql)
        {
            Id = version.Id,
            MainFile = UpdateFileDigest.Of(version.MainFile),
            SqlFile = UpdateFileDigest.Of(version.SqlFile),
        };
}

/// <summary>What a client needs to check a downloaded file: its size in bytes and its SHA-256 (lower-case hex).</summary>
public sealed record UpdateFileDigest(long Size, string Sha256)
{
    public static UpdateFileDigest? Of(VersionFile? file) => file is null ? null : new(file.Size, file.Sha256);
}

/// <summary>A version's stored file as described to downloaders (no storage details).</summary>
public sealed record UpdateFileDto(
    string ProductReferenceId,
    string UpdateId,
    VersionFileKind Kind,
    string FileName,
    string ContentType,
    long Size,
    string Sha256,
    DateTimeOffset UploadedAt)
{
    public static UpdateFileDto From(string productReferenceId, ProductVersion version, VersionFileKind kind, VersionFile file) =>
        new(productReferenceId, version.VersionId, kind, file.FileName, file.ContentType, file.Size, file.Sha256, file.UploadedAt);
}
