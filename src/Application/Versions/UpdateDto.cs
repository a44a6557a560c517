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

    public static UpdateDto From(ProductVersion version) =>
        new(version.Version, version.ReleasedAt, version.Summary, version.Changelog, version.VersionId, version.HasSql) { Id = version.Id };
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
