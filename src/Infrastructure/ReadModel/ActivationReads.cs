using KeyBox.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Infrastructure.ReadModel;

/// <summary>
/// <see cref="IActivationReads"/>: a token's activation from the <see cref="ReadCache"/> when read recently (no
/// database round trip, no database context even built), otherwise one query (owner-filtered) that is then
/// remembered. The cache holds every owner's rows; a hit is handed out only when the actor may see its license and product.
/// </summary>
internal sealed class ActivationReads(Lazy<IReadStore> store, ReadCache cache, ICurrentActor actor) : IActivationReads
{
    public async Task<ActivationSnapshot?> FindByIdAsync(Guid activationId, CancellationToken cancellationToken)
    {
        if (cache.TryGet(activationId, out var cached))
        {
            return actor.CanSee(cached.License.OwnerId) && actor.CanSee(cached.Product.OwnerId) ? cached : null;
        }

        var stamp = cache.Stamp;
        var found = await Query(store.Value).Where(x => x.Activation.Id == activationId).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var snapshot = new ActivationSnapshot(found.Activation, found.License, found.Product);
        cache.Store(stamp, snapshot);
        return snapshot;
    }

    public async Task<IReadOnlyList<ActivationSnapshot>> FindActiveAsync(string licenseCode, string? domain, CancellationToken cancellationToken)
    {
        var found = await Query(store.Value)
            .Where(x => x.License.LicenseCode == licenseCode && x.Activation.IsActive && x.Activation.Domain == domain)
            .ToListAsync(cancellationToken);
        return found.ConvertAll(x => new ActivationSnapshot(x.Activation, x.License, x.Product));
    }

    private static IQueryable<Row> Query(IReadStore store) =>
        from a in store.Activations
        join l in store.Licenses on a.LicenseId equals l.Id
        join p in store.Products on l.ProductId equals p.Id
        select new Row { Activation = a, License = l, Product = p };

    /// <summary>A class with init members (not the record) so that EF Core can project into it.</summary>
    private sealed class Row
    {
        public required Domain.Licenses.Activation Activation { get; init; }

        public required Domain.Licenses.License License { get; init; }

        public required Domain.Products.Product Product { get; init; }
    }
}
