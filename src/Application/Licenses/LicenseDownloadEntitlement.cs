using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Domain.Licenses;

namespace KeyBox.Application.Licenses;

/// <summary>
/// The update rule (PRODUCT.md): a version is downloadable when it is active and, if the product requires a
/// license for updates, <c>license_data</c> proves a usable activation of that product whose license's
/// <c>updates_until</c> is not before the version's release.
/// </summary>
public sealed class LicenseDownloadEntitlement(IReadStore store, ILicenseTokenService tokens, TimeProvider clock) : IDownloadEntitlement
{
    public async ValueTask<DownloadGrant> AuthorizeAsync(DownloadEntitlementRequest request, CancellationToken cancellationToken)
    {
        if (!request.Product.LicenseUpdate && string.IsNullOrWhiteSpace(request.LicenseData))
        {
            return DownloadGrant.WithoutLicense;
        }

        if (string.IsNullOrWhiteSpace(request.LicenseData))
        {
            throw new DomainException(ErrorCodes.LicenseDataInvalid, "This product's updates require a license: send license_data.");
        }

        var place = new ActivationPlace(null, null, request.ClientIp);
        var context = await store.LocateAsync(tokens, request.Product.ReferenceId, request.LicenseData, null, place, cancellationToken);
        if (!request.Product.LicenseUpdate)
        {
            return new DownloadGrant(context.License.Id, context.Activation.Id);
        }

        try
        {
            context.License.EnsureUsable(context.Product, clock.GetUtcNow());
        }
        catch (DomainException rule)
        {
            throw new DomainException(rule.Code, "Your license does not entitle you to this update: " + rule.Message);
        }

        if (!context.License.CoversUpdateReleasedAt(request.Version.ReleasedAt))
        {
            throw new DomainException(ErrorCodes.UpdatesExpired, "Your update period has ended: this version was released after it.");
        }

        return new DownloadGrant(context.License.Id, context.Activation.Id);
    }
}
