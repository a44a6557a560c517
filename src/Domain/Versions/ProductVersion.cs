using KeyBox.Domain.Common;

namespace KeyBox.Domain.Versions;

public enum VersionFileKind
{
    Main,
    Sql,
}

/// <summary>A released version of a product, with its optional downloadable files.</summary>
public sealed class ProductVersion : Entity, IAggregateRoot
{
    public const int VersionIdMaxLength = 100;
    public const int VersionMaxLength = 50;
    public const int SummaryMaxLength = 1000;
    public const int ChangelogMaxLength = 100_000;

    private ProductVersion()
    {
        VersionId = string.Empty;
        Version = string.Empty;
    }

    private ProductVersion(Guid productId, string versionId, DateTimeOffset now)
    {
        ProductId = productId;
        VersionId = ValidateVersionId(versionId);
        Version = string.Empty;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid ProductId { get; private set; }

    /// <summary>The update id clients echo back, unique per product, e.g. <c>v1.2.0</c>.</summary>
    public string VersionId { get; private set; }

    /// <summary>The semantic version as entered, e.g. <c>1.2.0</c>.</summary>
    public string Version { get; private set; }

    public string? Summary { get; private set; }

    public string? Changelog { get; private set; }

    public DateTimeOffset ReleasedAt { get; private set; }

    public bool IsActive { get; private set; }

    public VersionFile? MainFile { get; private set; }

    public VersionFile? SqlFile { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public SemanticVersion SemanticVersion =>
        SemanticVersion.TryParse(Version, out var parsed) ? parsed : throw new InvalidOperationException($"Stored version '{Version}' is not semantic.");

    public bool HasSql => SqlFile is not null;

    public static ProductVersion Create(Guid productId, string versionId, VersionDetails details, DateTimeOffset now)
    {
        var version = new ProductVersion(productId, versionId, now);
        version.Apply(details);
        return version;
    }

    public void Update(VersionDetails details, DateTimeOffset now)
    {
        Apply(details);
        UpdatedAt = now;
    }

    public VersionFile? FileOf(VersionFileKind kind) => kind == VersionFileKind.Main ? MainFile : SqlFile;

    /// <summary>Attaches (or replaces) a file; returns the file it replaced, whose content the caller may delete.</summary>
    public VersionFile? AttachFile(VersionFileKind kind, VersionFile file, DateTimeOffset now)
    {
        var previous = FileOf(kind);
        if (kind == VersionFileKind.Main)
        {
            MainFile = file;
        }
        else
        {
            SqlFile = file;
        }

        UpdatedAt = now;
        return previous;
    }

    private void Apply(VersionDetails details)
    {
        var version = Guard.Required(details.Version, "Version", VersionMaxLength);
        if (!SemanticVersion.TryParse(version, out _))
        {
            throw new DomainException(ErrorCodes.ValidationFailed, "The version must be a semantic version such as 1.2.0.", "Version");
        }

        Version = version;
        Summary = Guard.Optional(details.Summary, "Summary", SummaryMaxLength);
        Changelog = Guard.Optional(details.Changelog, "Changelog", ChangelogMaxLength);
        ReleasedAt = details.ReleasedAt;
        IsActive = details.IsActive;
    }

    private static string ValidateVersionId(string versionId)
    {
        var value = Guard.Required(versionId, "VersionId", VersionIdMaxLength);
        if (!value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '+'))
        {
            throw new DomainException(ErrorCodes.ValidationFailed, "The version_id may contain only letters, digits, '-', '_', '+' and '.'.", "VersionId");
        }

        return value;
    }
}

/// <summary>The editable attributes of a version.</summary>
public sealed record VersionDetails(string Version, string? Summary, string? Changelog, DateTimeOffset ReleasedAt, bool IsActive);

/// <summary>A stored file of a version: where it lives, how big it is and its SHA-256.</summary>
public sealed record VersionFile(string StorageKey, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt);
