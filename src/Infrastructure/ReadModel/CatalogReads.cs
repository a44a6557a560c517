using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Products;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Infrastructure.ReadModel;

/// <summary>
/// <see cref="ICatalogReads"/>: products, and products with their active versions, from the <see cref="ReadCache"/>
/// when read recently, otherwise read untracked (owner-filtered) and remembered. The cache holds every owner's rows; a
/// hit is handed out only when the actor may see the product.
/// </summary>
internal sealed class CatalogReads(Lazy<IReadStore> store, ReadCache cache, ICurrentActor actor) : ICatalogReads
{
    public async Task<Product?> FindProductAsync(string referenceId, CancellationToken cancellationToken)
    {
        if (cache.TryGetProduct(referenceId, out var cached))
        {
            return actor.CanSee(cached.OwnerId) ? cached : null;
        }

        var stamp = cache.Stamp;
        return Remember(stamp, await store.Value.Products.FirstOrDefaultAsync(p => p.ReferenceId == referenceId, cancellationToken));
    }

    public async Task<Product?> FindProductAsync(Guid productId, CancellationToken cancellationToken)
    {
        if (cache.TryGetProduct(productId, out var cached))
        {
            return actor.CanSee(cached.OwnerId) ? cached : null;
        }

        var stamp = cache.Stamp;
        return Remember(stamp, await store.Value.Products.FirstOrDefaultAsync(p => p.Id == productId, cancellationToken));
    }

    public async Task<CatalogSnapshot?> FindWithActiveVersionsAsync(string referenceId, CancellationToken cancellationToken)
    {
        if (cache.TryGetCatalog(referenceId, out var cached))
        {
            return actor.CanSee(cached.Product.OwnerId) ? cached : null;
        }

        var stamp = cache.Stamp;
        var read = store.Value;
        var product = await read.Products.FirstOrDefaultAsync(p => p.ReferenceId == referenceId, cancellationToken);
        if (product is null)
        {
            return null;
        }

        var versions = await read.Versions.Where(v => v.ProductId == product.Id && v.IsActive).ToListAsync(cancellationToken);
        var snapshot = new CatalogSnapshot(product, versions);
        cache.StoreCatalog(stamp, snapshot);
        return snapshot;
    }

    private Product? Remember(long stamp, Product? product)
    {
        if (product is not null)
        {
            cache.StoreProduct(stamp, product);
        }

        return product;
    }
}
