using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Domain.Products;
using KeyBox.Domain.Versions;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Versions;

/// <summary>How client installations find a product and the version they ask for (read side, owner-filtered).</summary>
internal static class UpdateLookup
{
    /// <summary>The product clients name by reference id; 404 when unknown, 403 <c>PRODUCT_INACTIVE</c> when deactivated.</summary>
    public static async Task<Product> GetActiveProductAsync(this IReadStore store, string referenceId, CancellationToken cancellationToken)
    {
        var product = await store.Products.FirstOrDefaultAsync(p => p.ReferenceId == referenceId, cancellationToken)
            ?? throw new DomainException(ErrorCodes.ProductNotFound, $"Product '{referenceId}' was not found.");
        return EnsureActive(product);
    }

    /// <summary>
    /// The active version <paramref name="versionId"/> and its product. <paramref name="versionId"/> is either the
    /// version's global id (a Guid, unique across all products: LicenseBox's <c>update_id</c>) or its <c>version_id</c>;
    /// for a <c>version_id</c> the product is resolved in the contract's order: the <c>product_id</c> the caller sent →
    /// the product of the activation its license data belongs to (<paramref name="productIdFromLicense"/>) → the only
    /// product that has an active version with that id (404 <c>AMBIGUOUS_VERSION</c> when several do).
    /// </summary>
    public static async Task<(Product Product, ProductVersion Version)> ResolveVersionAsync(
        this IReadStore store,
        string versionId,
        string? productReferenceId,
        Guid? productIdFromLicense,
        CancellationToken cancellationToken)
    {
        if (Guid.TryParse(versionId, out var globalId))
        {
            var byId = await (
                from v in store.Versions
                join p in store.Products on v.ProductId equals p.Id
                where v.Id == globalId && v.IsActive
                select new { Product = p, Version = v }).FirstOrDefaultAsync(cancellationToken);
            if (byId is not null)
            {
                // A product the caller names must be the version's own.
                if (!string.IsNullOrWhiteSpace(productReferenceId) && byId.Product.ReferenceId != productReferenceId.Trim())
                {
                    throw new DomainException(ErrorCodes.VersionNotFound, $"Version '{versionId}' was not found.");
                }

                return (EnsureActive(byId.Product), byId.Version);
            }
        }

        var candidates =
            from v in store.Versions
            join p in store.Products on v.ProductId equals p.Id
            where v.VersionId == versionId && v.IsActive
            select new { Product = p, Version = v };

        if (!string.IsNullOrWhiteSpace(productReferenceId))
        {
            var product = await store.GetActiveProductAsync(productReferenceId.Trim(), cancellationToken);
            candidates = candidates.Where(c => c.Product.Id == product.Id);
        }
        else if (productIdFromLicense is { } productId)
        {
            candidates = candidates.Where(c => c.Product.Id == productId);
        }

        var found = await candidates.Take(2).ToListAsync(cancellationToken);
        return found.Count switch
        {
            0 => throw new DomainException(ErrorCodes.VersionNotFound, $"Version '{versionId}' was not found."),
            > 1 => throw new DomainException(
                ErrorCodes.AmbiguousVersion,
                $"Several products have a version '{versionId}': send product_id to say which one.",
                "ProductId"),
            _ => (EnsureActive(found[0].Product), found[0].Version),
        };
    }

    /// <summary>A version's file of the given kind; 404 <c>FILE_NOT_FOUND</c> when none was uploaded.</summary>
    public static VersionFile RequireFile(this ProductVersion version, VersionFileKind kind) =>
        version.FileOf(kind) ?? throw new DomainException(
            ErrorCodes.FileNotFound,
            $"Version '{version.VersionId}' has no {(kind == VersionFileKind.Main ? "main" : "sql")} file.");

    internal static Product EnsureActive(Product product) =>
        product.IsActive ? product : throw new DomainException(ErrorCodes.ProductInactive, $"Product '{product.ReferenceId}' is not active.");
}
