using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;

namespace KeyBox.Application.Versions.Queries.DownloadUpdate;

/// <summary>
/// PLACEHOLDER until license tokens exist (to be replaced by the license-backed entitlement): downloads of products
/// that do not require a license for updates (<c>license_update</c> off) are allowed to anyone holding an API key;
/// for every other product the download is refused with <c>LICENSE_DATA_INVALID</c>, because no license data can
/// be verified yet.
/// </summary>
public sealed class LicenseFreeProductsOnlyEntitlement : IDownloadEntitlement
{
    public ValueTask<DownloadGrant> AuthorizeAsync(DownloadEntitlementRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Product.LicenseUpdate)
        {
            return ValueTask.FromResult(DownloadGrant.WithoutLicense);
        }

        var message = string.IsNullOrWhiteSpace(request.LicenseData)
            ? "This product's updates require a license: send license_data."
            : "The license data could not be verified.";
        throw new DomainException(ErrorCodes.LicenseDataInvalid, message);
    }
}
