namespace KeyBox.Domain.Products;

public interface IProductRepository
{
    Task<Product?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    Task<Product?> GetByReferenceIdAsync(string referenceId, CancellationToken cancellationToken);

    Task<bool> ReferenceIdExistsAsync(string referenceId, CancellationToken cancellationToken);

    void Add(Product product);

    void Remove(Product product);
}
