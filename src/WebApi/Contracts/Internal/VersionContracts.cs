using KeyBox.Application.Versions;

namespace KeyBox.WebApi.Contracts.Internal;

public sealed record CreateVersionRequest(
    string? VersionId,
    string? Version,
    string? Summary,
    string? Changelog,
    DateTimeOffset? ReleasedAt,
    bool? IsActive);

public sealed record UpdateVersionRequest(
    string? Version,
    string? Summary,
    string? Changelog,
    DateTimeOffset? ReleasedAt,
    bool? IsActive);

public sealed record VersionFileResource(string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt)
{
    public static VersionFileResource? From(VersionFileDto? f) => f is null ? null : new(f.FileName, f.ContentType, f.Size, f.Sha256, f.UploadedAt);
}

public sealed record VersionResource(
    Guid Id,
    string ProductReferenceId,
    string VersionId,
    string UpdateId,
    string Version,
    string? Summary,
    string? Changelog,
    DateTimeOffset ReleasedAt,
    bool IsActive,
    bool HasSql,
    VersionFileResource? MainFile,
    VersionFileResource? SqlFile,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static VersionResource From(VersionDto v) => new(
        v.Id, v.ProductReferenceId, v.VersionId, v.VersionId, v.Version, v.Summary, v.Changelog, v.ReleasedAt, v.IsActive, v.HasSql,
        VersionFileResource.From(v.MainFile), VersionFileResource.From(v.SqlFile), v.CreatedAt, v.UpdatedAt);
}
