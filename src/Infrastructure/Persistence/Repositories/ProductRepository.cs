using KeyBox.Domain.Products;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Infrastructure.Persistence.Repositories;

internal sealed class ProductRepository(KeyBoxDbContext db) : IProductRepository
{
    public Task<Product?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.Products.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public Task<Product?> GetByReferenceIdAsync(string referenceId, CancellationToken cancellationToken) =>
        db.Products.FirstOrDefaultAsync(p => p.ReferenceId == referenceId, cancellationToken);

    // Reference ids are unique across owners, so the check must see every owner's products.
    public Task<bool> ReferenceIdExistsAsync(string referenceId, CancellationToken cancellationToken) =>
        db.Products.IgnoreQueryFilters().AnyAsync(p => p.ReferenceId == referenceId, cancellationToken);

    public void Add(Product product) => db.Products.Add(product);

    public void Remove(Product product) => db.Products.Remove(product);
}
