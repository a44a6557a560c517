using KeyBox.Domain.Common;
using KeyBox.Domain.Versions;

namespace KeyBox.Domain.Downloads;

/// <summary>
/// A successful download of a version's file, kept for the dashboard and for audits. Written in batches after
/// the fact, so it is a plain record rather than an aggregate with rules.
/// </summary>
public sealed class Download : Entity
{
    public const int UpdateIdMaxLength = ProductVersion.VersionIdMaxLength;
    public const int IpAddressMaxLength = 45;

    private Download()
    {
        UpdateId = string.Empty;
    }

    private Download(Guid productId, Guid versionId, string updateId, VersionFileKind fileKind, DateTimeOffset downloadedAt)
    {
        ProductId = productId;
        VersionId = versionId;
        UpdateId = updateId;
        FileKind = fileKind;
        DownloadedAt = downloadedAt;
    }

    public Guid ProductId { get; private set; }

    /// <summary>The id of the <see cref="ProductVersion"/> row.</summary>
    public Guid VersionId { get; private set; }

    /// <summary>The version's update id as clients know it (<see cref="ProductVersion.VersionId"/>), e.g. <c>v1.2.0</c>.</summary>
    public string UpdateId { get; private set; }

    public VersionFileKind FileKind { get; private set; }

    public DateTimeOffset DownloadedAt { get; private set; }

    public string? IpAddress { get; private set; }

    /// <summary>The license the download was made under, when the product requires one.</summary>
    public Guid? LicenseId { get; private set; }

    /// <summary>The activation whose license data authorised the download, when there was one.</summary>
    public Guid? ActivationId { get; private set; }

    public static Download Record(
        ProductVersion version,
        VersionFileKind fileKind,
        DateTimeOffset downloadedAt,
        string? ipAddress,
        Guid? licenseId,
        Guid? activationId)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new Download(version.ProductId, version.Id, version.VersionId, fileKind, downloadedAt)
        {
            IpAddress = ipAddress is { Length: > IpAddressMaxLength } ? ipAddress[..IpAddressMaxLength] : ipAddress,
            LicenseId = licenseId,
            ActivationId = activationId,
        };
    }
}
