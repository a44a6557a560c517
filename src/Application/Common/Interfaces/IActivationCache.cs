using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;
using KeyBox.Domain.Versions;

namespace KeyBox.Application.Common.Interfaces;

/// <summary>
/// What the hot read paths read, kept in process so that they do not wait on the database for rows seen recently:
/// verify (an activation, its license and its product), <c>/validate</c> (a license by code with its active
/// activations) and update checks (a product by reference with its active versions). Every write to those rows, by any process or tool,
/// invalidates them through the database's notifications; while notifications cannot be received, nothing is
/// served (every read goes to the database).
/// </summary>
public interface IActivationCache
{
    /// <summary>False while invalidations may be missed (no notification listener): callers read the database.</summary>
    bool IsServing { get; }

    /// <summary>Whether invalidations are being received (whether or not this cache is enabled); other caches use it too.</summary>
    bool IsListening { get; }

    /// <summary>Taken before reading the database; <see cref="Store"/> drops what was read if anything was invalidated since.</summary>
    long Stamp { get; }

    bool TryGet(Guid activationId, out CachedActivation cached);

    void Store(long stamp, CachedActivation cached);

    /// <summary>A license (by its code) with its active activations and its product: what <c>/validate</c> reads.</summary>
    bool TryGetLicense(string licenseCode, out CachedLicense cached);

    void StoreLicense(long stamp, CachedLicense cached);

    /// <summary>A product (by its reference id) with its active versions: what update checks read.</summary>
    bool TryGetCatalog(string productReferenceId, out CachedCatalog cached);

    void StoreCatalog(long stamp, CachedCatalog cached);

    /// <summary>A product (by its reference id) alone, as read (untracked): what activation reads before it locks the license.</summary>
    bool TryGetProduct(string productReferenceId, out Product product);

    /// <summary>A product by its id alone (what deactivation reads for its answer).</summary>
    bool TryGetProduct(Guid productId, out Product product);

    void StoreProduct(long stamp, Product product);

    void InvalidateActivation(Guid activationId);

    void InvalidateLicense(Guid licenseId);

    void InvalidateProduct(Guid productId);

    /// <summary>A version of this product was added, changed or removed.</summary>
    void InvalidateVersions(Guid productId);

    void InvalidateAll();

    /// <summary>Notifications flow (again): forget everything, then serve.</summary>
    void Resume();

    /// <summary>Notifications may be missed from now on: forget everything and stop serving.</summary>
    void Suspend();
}

/// <summary>An activation with its license and product, as read (untracked) from the database. Treated as read-only.</summary>
public sealed record CachedActivation(Activation Activation, License License, Product Product);

/// <summary>A license with its active activations (loaded) and its product, as read (untracked). Treated as read-only.</summary>
public sealed record CachedLicense(License License, Product Product);

/// <summary>A product with its active versions, as read (untracked). Treated as read-only.</summary>
public sealed record CachedCatalog(Product Product, IReadOnlyList<ProductVersion> ActiveVersions);
