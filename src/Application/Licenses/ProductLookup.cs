using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Products;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Licenses;

/// <summary>
/// The product an activation or deactivation names, as the caller may see it: from <see cref="IActivationCache"/>
/// when read recently (the cache holds every owner's rows, so the read store's owner filter is applied here
/// instead), otherwise read untracked and remembered. The product is only read on these paths, never changed; like
/// the database read it replaces, it is taken outside the license's row lock.
/// </summary>
public sealed class ProductLookup(Lazy<IReadStore> store, IActivationCache cache, ICurrentActor actor)
{
    public async Task<Product?> FindByReferenceAsync(string referenceId, CancellationToken cancellationToken)
    {
        if (cache.TryGetProduct(referenceId, out var cached) && Visible(cached))
        {
            return cached;
        }

        var stamp = cache.Stamp;
        return Remember(stamp, await store.Value.Products.FirstOrDefaultAsync(p => p.ReferenceId == referenceId, cancellationToken));
    }

    public async Task<Product?> FindByIdAsync(Guid productId, CancellationToken cancellationToken)
    {
        if (cache.TryGetProduct(productId, out var cached) && Visible(cached))
        {
            return cached;
        }

        var stamp = cache.Stamp;
        return Remember(stamp, await store.Value.Products.FirstOrDefaultAsync(p => p.Id == productId, cancellationToken));
    }

    private bool Visible(Product product) => actor.SeesEverything || product.OwnerId == actor.UserId;

    private Product? Remember(long stamp, Product? product)
    {
        if (product is not null && cache.IsServing)
        {
            cache.StoreProduct(stamp, product);
        }

        return product;
    }
}
