using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;
using KeyBox.Domain.Versions;

namespace KeyBox.Application.Common.Interfaces;

/// <summary>
/// Decides whether a caller may download a version's file. Refusals throw a <c>DomainException</c> with the
/// reason's code (<c>LICENSE_DATA_INVALID</c>, <c>UPDATES_EXPIRED</c>, ...); a grant names the license and
/// activation the download is made under, for the download log.
/// </summary>
public interface IDownloadEntitlement
{
    ValueTask<DownloadGrant> AuthorizeAsync(DownloadEntitlementRequest request, CancellationToken cancellationToken);
}

/// <param name="LicenseData">The caller's <c>license_data</c> token (LicenseBox: <c>license_file</c>), when sent.</param>
/// <param name="ClientIp">The installation's IP (X-API-IP or the connection's address).</param>
public sealed record DownloadEntitlementRequest(Product Product, ProductVersion Version, VersionFileKind Kind, string? LicenseData, string? ClientIp)
{
    /// <summary>LicenseBox: the license code, proving the caller's activation at <see cref="Place"/> when no token is sent.</summary>
    public string? LicenseCode { get; init; }

    /// <summary>
    /// The caller's place (URL and IP headers): where <see cref="LicenseCode"/> must be activated, and where a token must
    /// be presented from (a token of an activation made at a domain is refused elsewhere, and without a URL).
    /// </summary>
    public ActivationPlace? Place { get; init; }
}

public sealed record DownloadGrant(Guid? LicenseId, Guid? ActivationId)
{
    /// <summary>Allowed without a license (the product does not require one for updates).</summary>
    public static DownloadGrant WithoutLicense { get; } = new(null, null);
}
