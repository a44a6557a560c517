using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.ApiKeys;
using KeyBox.Domain.Products;
using KeyBox.Domain.Versions;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Infrastructure.Persistence;

internal sealed class ReadStore(KeyBoxDbContext db) : IReadStore
{
    public IQueryable<Product> Products => db.Products.AsNoTracking();

    public IQueryable<ProductVersion> Versions => db.Versions.AsNoTracking();

    public IQueryable<ApiKey> ApiKeys => db.ApiKeys.AsNoTracking();
}
