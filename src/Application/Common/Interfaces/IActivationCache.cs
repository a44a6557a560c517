using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;

namespace KeyBox.Application.Common.Interfaces;

/// <summary>
/// What the verify path reads (an activation, its license and its product), kept in process so that a verify of
/// a recently seen activation does not wait on the database. Every write to those rows, by any process or tool,
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

    void InvalidateActivation(Guid activationId);

    void InvalidateLicense(Guid licenseId);

    void InvalidateProduct(Guid productId);

    void InvalidateAll();

    /// <summary>Notifications flow (again): forget everything, then serve.</summary>
    void Resume();

    /// <summary>Notifications may be missed from now on: forget everything and stop serving.</summary>
    void Suspend();
}

/// <summary>An activation with its license and product, as read (untracked) from the database. Treated as read-only.</summary>
public sealed record CachedActivation(Activation Activation, License License, Product Product);
