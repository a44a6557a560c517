using KeyBox.Domain.Common;
using KeyBox.Domain.Products;

namespace KeyBox.Application.Products;

/// <summary>Loads a product for a command: the tracked aggregate, through the repository (owner-filtered).</summary>
internal static class ProductLookup
{
    /// <summary>The product, tracked for changes; 404 <c>PRODUCT_NOT_FOUND</c> when it does not exist or the caller may not see it.</summary>
    public static async Task<Product> GetRequiredAsync(this IProductRepository products, string referenceId, CancellationToken cancellationToken) =>
        await products.GetByReferenceIdAsync(referenceId, cancellationToken)
        ?? throw new DomainException(ErrorCodes.ProductNotFound, $"Product '{referenceId}' was not found.");
}
