using System.Diagnostics.CodeAnalysis;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;

namespace KeyBox.Application.Licenses;

/// <summary>
/// Finds the activation a caller proves: by token (<c>license_data</c> / <c>license_file</c>), or, for LicenseBox
/// clients without a stored file, by license code plus the caller's place — both through <see cref="IActivationReads"/>
/// (which sees only what the actor may see).
/// </summary>
public sealed class ActivationLocator(IActivationReads reads, ILicenseTokenService tokens)
{
    internal async Task<ActivationSnapshot> LocateAsync(
        string? productReferenceId,
        string? licenseData,
        string? licenseCode,
        ActivationPlace place,
        CancellationToken cancellationToken)
    {
        ActivationSnapshot? context;
        if (!string.IsNullOrWhiteSpace(licenseData))
        {
            var claims = await tokens.ReadRequiredAsync(licenseData, cancellationToken);
            var found = await reads.FindByIdAsync(claims.ActivationId, cancellationToken);
            EnsureTokenCurrent(claims.LicenseId, found?.License, found?.Activation);
            context = found!;
        }
        else if (!string.IsNullOrWhiteSpace(licenseCode))
        {
            var code = licenseCode.Trim();
            var candidates = await reads.FindActiveAsync(code, place.Domain, cancellationToken);
            context = candidates.FirstOrDefault(c => c.Activation.IsAt(place)) ?? throw NotAssigned(ErrorCodes.ActivationNotFound);
        }
        else
        {
            throw NotAssigned(ErrorCodes.LicenseDataInvalid);
        }

        EnsurePresentedRightly(context.Activation, context.Product, productReferenceId, place);
        return context;
    }

    /// <summary>A token's activation as read: it exists, belongs to the token's license, and is still active.</summary>
    internal static void EnsureTokenCurrent(Guid tokenLicenseId, [NotNull] License? license, [NotNull] Activation? activation)
    {
        if (license is null || activation is null || license.Id != tokenLicenseId)
        {
            throw NotAssigned(ErrorCodes.LicenseDataInvalid);
        }

        if (!activation.IsActive)
        {
            throw NotAssigned(ErrorCodes.ActivationNotFound);
        }
    }

    /// <summary>
    /// An activation presented for the product named (if any) and from the place it was issued to: a token of an
    /// activation made at a domain is accepted only from that domain — another site's <c>X-API-URL</c>, or none at all,
    /// is refused (a request without the header proves no place). An activation made without a URL has no domain to
    /// compare; its token (and the license's IP allow-list, checked by the callers) is what binds it.
    /// </summary>
    internal static void EnsurePresentedRightly(Activation activation, Product product, string? productReferenceId, ActivationPlace place)
    {
        if (!string.IsNullOrWhiteSpace(productReferenceId) && !string.Equals(product.ReferenceId, productReferenceId.Trim(), StringComparison.Ordinal))
        {
            throw NotAssigned(ErrorCodes.LicenseDataInvalid);
        }

        if (activation.Domain is not null && !string.Equals(activation.Domain, place.Domain, StringComparison.Ordinal))
        {
            throw NotAssigned(ErrorCodes.LicenseDataInvalid);
        }
    }

    public static DomainException NotAssigned(string code) => new(code, TokenReading.NotAssigned);
}
