using KeyBox.Domain.Versions;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Infrastructure.Persistence.Repositories;

internal sealed class VersionRepository(KeyBoxDbContext db) : IVersionRepository
{
    public Task<ProductVersion?> GetAsync(Guid productId, string versionId, CancellationToken cancellationToken) =>
        db.Versions.FirstOrDefaultAsync(v => v.ProductId == productId && v.VersionId == versionId, cancellationToken);

    public Task<bool> ExistsAsync(Guid productId, string versionId, CancellationToken cancellationToken) =>
        db.Versions.AnyAsync(v => v.ProductId == productId && v.VersionId == versionId, cancellationToken);

    public async Task<IReadOnlyList<ProductVersion>> ListActiveAsync(Guid productId, CancellationToken cancellationToken) =>
        await db.Versions.Where(v => v.ProductId == productId && v.IsActive).ToListAsync(cancellationToken);

    public void Add(ProductVersion version) => db.Versions.Add(version);
}
