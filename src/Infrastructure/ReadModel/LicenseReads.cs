using KeyBox.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Infrastructure.ReadModel;

/// <summary>
/// <see cref="ILicenseReads"/>: a license with its active activations from the <see cref="ReadCache"/> when read
/// recently, otherwise one query (owner-filtered) that is then remembered. The cache holds every owner's rows; a hit is
/// handed out only when the actor may see its license and product.
/// </summary>
internal sealed class LicenseReads(Lazy<IReadStore> store, ReadCache cache, ICurrentActor actor) : ILicenseReads
{
    public async Task<LicenseSnapshot?> FindByCodeAsync(string licenseCode, CancellationToken cancellationToken)
    {
        if (cache.TryGetLicense(licenseCode, out var cached))
        {
            return actor.CanSee(cached.License.OwnerId) && actor.CanSee(cached.Product.OwnerId) ? cached : null;
        }

        var stamp = cache.Stamp;
        var read = store.Value;
        var found = await (from l in read.Licenses.Include(l => l.Activations.Where(a => a.IsActive))
                           join p in read.Products on l.ProductId equals p.Id
                           where l.LicenseCode == licenseCode
                           select new { License = l, Product = p }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var snapshot = new LicenseSnapshot(found.License, found.Product);
        cache.StoreLicense(stamp, snapshot);
        return snapshot;
    }
}
