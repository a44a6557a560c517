using System.Diagnostics.CodeAnalysis;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Licenses;

/// <summary>An activation with its license and product, read in one query (untracked) for the verify path.</summary>
internal sealed class ActivationContext
{
    public required Activation Activation { get; init; }

    public required License License { get; init; }

    public required Product Product { get; init; }
}

/// <summary>
/// Finds the activation a caller proves: by token (<c>license_data</c> / <c>license_file</c>), or, for LicenseBox
/// clients without a stored file, by license code plus the caller's place. A token's activation is served from
/// <see cref="IActivationCache"/> when it was read recently (no database round trip); otherwise it is read in one
/// query and remembered. The read store (a database context) is resolved only on a miss.
/// </summary>
public sealed class ActivationLocator(Lazy<IReadStore> store, ILicenseTokenService tokens, IActivationCache cache, ICurrentActor actor)
{
    internal async Task<ActivationContext> LocateAsync(
        string? productReferenceId,
        string? licenseData,
        string? licenseCode,
        ActivationPlace place,
        CancellationToken cancellationToken)
    {
        ActivationContext? context;
        if (!string.IsNullOrWhiteSpace(licenseData))
        {
            var claims = await tokens.ReadRequiredAsync(licenseData, cancellationToken);
            var found = await FindByIdAsync(claims.ActivationId, cancellationToken);
            EnsureTokenCurrent(claims.LicenseId, found?.License, found?.Activation);
            context = found!;
        }
        else if (!string.IsNullOrWhiteSpace(licenseCode))
        {
            var code = licenseCode.Trim();
            var candidates = await Query(store.Value)
                .Where(x => x.License.LicenseCode == code && x.Activation.IsActive && x.Activation.Domain == place.Domain)
                .ToListAsync(cancellationToken);
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

    private async Task<ActivationContext?> FindByIdAsync(Guid activationId, CancellationToken cancellationToken)
    {
        // The cache holds rows of every owner; the read store's owner filter is applied here instead.
        if (cache.TryGet(activationId, out var cached)
            && (actor.SeesEverything || (cached.License.OwnerId == actor.UserId && cached.Product.OwnerId == actor.UserId)))
        {
            return new ActivationContext { Activation = cached.Activation, License = cached.License, Product = cached.Product };
        }

        var stamp = cache.Stamp;
        var context = await Query(store.Value).Where(x => x.Activation.Id == activationId).FirstOrDefaultAsync(cancellationToken);
        if (context is not null && cache.IsServing)
        {
            cache.Store(stamp, new CachedActivation(context.Activation, context.License, context.Product));
        }

        return context;
    }

    public static DomainException NotAssigned(string code) => new(code, TokenReading.NotAssigned);

    private static IQueryable<ActivationContext> Query(IReadStore store) =>
        from a in store.Activations
        join l in store.Licenses on a.LicenseId equals l.Id
        join p in store.Products on l.ProductId equals p.Id
        select new ActivationContext { Activation = a, License = l, Product = p };
}
