using KeyBox.Domain.Products;
using KeyBox.Domain.Versions;

namespace KeyBox.Application.Common.Interfaces;

/// <summary>
/// Read port of the activation, deactivation and update-check paths: a product, and a product with its active versions,
/// as the current actor may see them (<see cref="ICurrentActor.CanSee"/>). The products returned are as read (untracked,
/// possibly shared with other requests through the read cache): read-only.
/// </summary>
public interface ICatalogReads
{
    /// <summary>The product clients name by this reference id; null when unknown or not the actor's to see.</summary>
    Task<Product?> FindProductAsync(string referenceId, CancellationToken cancellationToken);

    /// <summary>The product with this id; null when unknown or not the actor's to see.</summary>
    Task<Product?> FindProductAsync(Guid productId, CancellationToken cancellationToken);

    /// <summary>The product with this reference id (active or not) and its active versions; null when unknown or not the actor's to see.</summary>
    Task<CatalogSnapshot?> FindWithActiveVersionsAsync(string referenceId, CancellationToken cancellationToken);
}

/// <summary>A product with its active versions as read (untracked, possibly shared): read-only.</summary>
public sealed record CatalogSnapshot(Product Product, IReadOnlyList<ProductVersion> ActiveVersions);
