using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Versions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Versions.Queries.CheckForUpdate;

/// <summary>
/// Is there an update for an installation running <paramref name="CurrentVersion"/>? The newest active version above
/// it when the product serves latest updates, otherwise the next one (see <see cref="UpdatePolicy"/>).
/// Serves the external API's <c>update/check</c> and LicenseBox's <c>check_update</c>.
/// </summary>
/// <param name="ProductId">The product's reference id, as clients send it.</param>
public sealed record CheckForUpdateQuery(string ProductId, string CurrentVersion) : IQuery<UpdateCheckDto>;

/// <summary>The outcome of an update check; <see cref="Update"/> is null when the installation is up to date.</summary>
public sealed record UpdateCheckDto(string ProductReferenceId, string ProductName, UpdateDto? Update)
{
    public bool UpdateAvailable => Update is not null;
}

public sealed class CheckForUpdateQueryHandler(Lazy<IReadStore> store, IActivationCache cache, ICurrentActor actor)
    : IQueryHandler<CheckForUpdateQuery, UpdateCheckDto>
{
    public async ValueTask<UpdateCheckDto> Handle(CheckForUpdateQuery query, CancellationToken cancellationToken)
    {
        var catalog = await FindAsync(query.ProductId, cancellationToken);
        if (!SemanticVersion.TryParse(query.CurrentVersion, out var current))
        {
            throw Common.Exceptions.ValidationException.For(nameof(query.CurrentVersion), CheckForUpdateQueryValidator.NotSemantic);
        }

        var product = catalog.Product;
        var update = UpdatePolicy.SelectUpdate(catalog.ActiveVersions, current, product.ServeLatestUpdates);
        return new UpdateCheckDto(product.ReferenceId, product.Name, update is null ? null : UpdateDto.From(update));
    }

    /// <summary>The active product and its active versions: from the read cache when seen recently, else two queries (then remembered).</summary>
    private async Task<CachedCatalog> FindAsync(string referenceId, CancellationToken cancellationToken)
    {
        // The cache holds rows of every owner; the read store's owner filter is applied here instead.
        if (cache.TryGetCatalog(referenceId, out var cached) && (actor.SeesEverything || cached.Product.OwnerId == actor.UserId))
        {
            UpdateLookup.EnsureActive(cached.Product);
            return cached;
        }

        var stamp = cache.Stamp;
        var product = await store.Value.GetActiveProductAsync(referenceId, cancellationToken);
        var versions = await store.Value.Versions.Where(v => v.ProductId == product.Id && v.IsActive).ToListAsync(cancellationToken);
        var catalog = new CachedCatalog(product, versions);
        if (cache.IsServing)
        {
            cache.StoreCatalog(stamp, catalog);
        }

        return catalog;
    }
}
