using KeyBox.Domain.Versions;

namespace KeyBox.Application.Versions;

public sealed record VersionFileDto(string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt)
{
    public static VersionFileDto? From(VersionFile? file) =>
        file is null ? null : new VersionFileDto(file.FileName, file.ContentType, file.Size, file.Sha256, file.UploadedAt);
}

public sealed record VersionDto(
    Guid Id,
    Guid ProductId,
    string ProductReferenceId,
    string VersionId,
    string Version,
    string? Summary,
    string? Changelog,
    DateTimeOffset ReleasedAt,
    bool IsActive,
    bool HasSql,
    VersionFileDto? MainFile,
    VersionFileDto? SqlFile,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

internal static class VersionMapping
{
    public static VersionDto ToDto(this ProductVersion version, string productReferenceId) => new(
        version.Id,
        version.ProductId,
        productReferenceId,
        version.VersionId,
        version.Version,
        version.Summary,
        version.Changelog,
        version.ReleasedAt,
        version.IsActive,
        version.HasSql,
        VersionFileDto.From(version.MainFile),
        VersionFileDto.From(version.SqlFile),
        version.CreatedAt,
        version.UpdatedAt);
}
