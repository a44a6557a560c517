using KeyBox.Domain.Common;
using KeyBox.Domain.Products;

namespace KeyBox.Application.Products;

internal static class ProductLookup
{
    public static async Task<Product> GetRequiredAsync(this IProductRepository products, string referenceId, CancellationToken cancellationToken) =>
        await products.GetByReferenceIdAsync(referenceId, cancellationToken)
        ?? throw new DomainException(ErrorCodes.ProductNotFound, $"Product '{referenceId}' was not found.");
}
