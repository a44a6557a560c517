using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Domain.Licenses;

namespace KeyBox.Application.Licenses;

/// <summary>
/// The update rule (PRODUCT.md): a version is downloadable when it is active and, if the product requires a
/// license for updates, <c>license_data</c> proves a usable activation of that product whose license's
/// <c>updates_until</c> is not before the version's release. LicenseBox clients without a license file prove the
/// activation with the license code from the place it was activated at instead. The place is checked as verify checks
/// it: a token is accepted only from the domain its activation was made at (see
/// <see cref="ActivationLocator.EnsurePresentedRightly"/>), and the license's domain / IP allow-lists apply.
/// </summary>
public sealed class LicenseDownloadEntitlement(ActivationLocator locator, TimeProvider clock) : IDownloadEntitlement
{
    public async ValueTask<DownloadGrant> AuthorizeAsync(DownloadEntitlementRequest request, CancellationToken cancellationToken)
    {
        var hasToken = !string.IsNullOrWhiteSpace(request.LicenseData);
        var hasCode = !hasToken && !string.IsNullOrWhiteSpace(request.LicenseCode) && request.Place is not null;
        if (!request.Product.LicenseUpdate && !hasToken && !hasCode)
        {
            return DownloadGrant.WithoutLicense;
        }

        if (!hasToken && !hasCode)
        {
            throw new DomainException(ErrorCodes.LicenseDataInvalid, "This product's updates require a license: send license_data.");
        }

        // A request that describes no place (no URL header) is at no domain: a domain-bound token is refused there.
        var place = request.Place ?? new ActivationPlace(null, null, request.ClientIp);
        var context = hasToken
            ? await locator.LocateAsync(request.Product.ReferenceId, request.LicenseData, null, place, cancellationToken)
            : await locator.LocateAsync(request.Product.ReferenceId, null, request.LicenseCode, place, cancellationToken);
        if (!request.Product.LicenseUpdate)
        {
            return new DownloadGrant(context.License.Id, context.Activation.Id);
        }

        try
        {
            context.License.EnsureUsable(context.Product, place, clock.GetUtcNow());
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
