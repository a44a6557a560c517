using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;
using KeyBox.Domain.Versions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace KeyBox.Infrastructure.ReadModel;

/// <summary>Configuration section <c>ReadCache</c> (formerly <c>VerifyCache</c>, still read as a fallback).</summary>
public sealed class ReadCacheOptions
{
    public const string Section = "ReadCache";

    /// <summary>The section's name before it was renamed: still read (under <see cref="Section"/>) for one release.</summary>
    public const string LegacySection = "VerifyCache";

    /// <summary>Off: every verify reads the database.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>At most this many activations, and as many licenses and products, are kept.</summary>
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>The last resort: an entry older than this is read again even without a notification.</summary>
    public double MaxAgeSeconds { get; set; } = 30;

    /// <summary>Binds the settings: the keys of <see cref="LegacySection"/> first, then those of <see cref="Section"/> (which win).</summary>
    public static void Bind(IConfiguration configuration, ReadCacheOptions options)
    {
        configuration.GetSection(LegacySection).Bind(options);
        configuration.GetSection(Section).Bind(options);
    }
}

/// <summary>
/// The read cache: what the hot read paths read (verify: an activation, its license and product; <c>/validate</c>: a license by code with its active activations; update checks: a product with its active versions; activation: a product), kept in process as bounded maps keyed by row id (activations, licenses, products; licenses with
/// their active activations; a product's active versions) plus two lookups from a natural key to an id (license
/// code, product reference), so that a notification about one row removes exactly what depends on that row. A
/// lookup whose target is gone is a miss. A global stamp, bumped by every invalidation, keeps a read that raced
/// with a write from storing what it read before the write.
/// </summary>
public sealed class ReadCache : IInvalidationFeed
{
    private readonly bool _enabled;
    private readonly BoundedCache<Guid, Activation> _activations;
    private readonly BoundedCache<Guid, License> _licenses;
    private readonly BoundedCache<Guid, Product> _products;
    private readonly BoundedCache<Guid, License> _licensesWithActivations;
    private readonly BoundedCache<string, Guid> _licenseIdsByCode;
    private readonly BoundedCache<Guid, IReadOnlyList<ProductVersion>> _versions;
    private readonly BoundedCache<string, Guid> _productIdsByReference;
    private long _stamp;
    private volatile bool _serving;
    private volatile bool _listening;

    public ReadCache(IOptions<ReadCacheOptions> options, TimeProvider time)
    {
        var value = options.Value;
        _enabled = value.Enabled;
        var capacity = Math.Max(1, value.MaxEntries);
        var maxAge = TimeSpan.FromSeconds(Math.Max(0, value.MaxAgeSeconds));
        _activations = new BoundedCache<Guid, Activation>(capacity, maxAge, time);
        _licenses = new BoundedCache<Guid, License>(capacity, maxAge, time);
        _products = new BoundedCache<Guid, Product>(capacity, maxAge, time);
        _licensesWithActivations = new BoundedCache<Guid, License>(capacity, maxAge, time);
        _licenseIdsByCode = new BoundedCache<string, Guid>(capacity, maxAge, time);
        _versions = new BoundedCache<Guid, IReadOnlyList<ProductVersion>>(capacity, maxAge, time);
        _productIdsByReference = new BoundedCache<string, Guid>(capacity, maxAge, time);
    }

    /// <summary>False while invalidations may be missed (no notification listener) or the cache is off: reads go to the database.</summary>
    public bool IsServing => _serving;

    /// <summary>Whether invalidations are being received (whether or not this cache is enabled); other caches use it too.</summary>
    public bool IsListening => _listening;

    /// <summary>Taken before reading the database; a store drops what was read if anything was invalidated since.</summary>
    public long Stamp => Interlocked.Read(ref _stamp);

    /// <summary>Entries held per kind (for tests and diagnostics).</summary>
    public (int Activations, int Licenses, int Products) Counts => (_activations.Count, _licenses.Count, _products.Count);

    public bool TryGet(Guid activationId, out ActivationSnapshot cached)
    {
        if (_serving
            && _activations.TryGet(activationId, out var activation)
            && _licenses.TryGet(activation.LicenseId, out var license)
            && _products.TryGet(license.ProductId, out var product))
        {
            cached = new ActivationSnapshot(activation, license, product);
            return true;
        }

        cached = null!;
        return false;
    }

    public void Store(long stamp, ActivationSnapshot cached) => StoreIfUnchanged(
        stamp,
        () =>
        {
            _products.Set(cached.Product.Id, cached.Product);
            _licenses.Set(cached.License.Id, cached.License);
            _activations.Set(cached.Activation.Id, cached.Activation);
        },
        () =>
        {
            _activations.Remove(cached.Activation.Id);
            _licenses.Remove(cached.License.Id);
            _products.Remove(cached.Product.Id);
        });

    public bool TryGetLicense(string licenseCode, out LicenseSnapshot cached)
    {
        if (_serving
            && _licenseIdsByCode.TryGet(licenseCode, out var licenseId)
            && _licensesWithActivations.TryGet(licenseId, out var license)
            && license.LicenseCode == licenseCode
            && _products.TryGet(license.ProductId, out var product))
        {
            cached = new LicenseSnapshot(license, product);
            return true;
        }

        cached = null!;
        return false;
    }

    public void StoreLicense(long stamp, LicenseSnapshot cached) => StoreIfUnchanged(
        stamp,
        () =>
        {
            _products.Set(cached.Product.Id, cached.Product);
            _licensesWithActivations.Set(cached.License.Id, cached.License);
            _licenseIdsByCode.Set(cached.License.LicenseCode, cached.License.Id);
        },
        () =>
        {
            _licensesWithActivations.Remove(cached.License.Id);
            _products.Remove(cached.Product.Id);
        });

    public bool TryGetCatalog(string productReferenceId, out CatalogSnapshot cached)
    {
        if (TryGetProduct(productReferenceId, out var product) && _versions.TryGet(product.Id, out var versions))
        {
            cached = new CatalogSnapshot(product, versions);
            return true;
        }

        cached = null!;
        return false;
    }

    public void StoreCatalog(long stamp, CatalogSnapshot cached) => StoreIfUnchanged(
        stamp,
        () =>
        {
            _products.Set(cached.Product.Id, cached.Product);
            _versions.Set(cached.Product.Id, cached.ActiveVersions);
            _productIdsByReference.Set(cached.Product.ReferenceId, cached.Product.Id);
        },
        () =>
        {
            _versions.Remove(cached.Product.Id);
            _products.Remove(cached.Product.Id);
        });

    public bool TryGetProduct(string productReferenceId, out Product product)
    {
        if (_serving
            && _productIdsByReference.TryGet(productReferenceId, out var productId)
            && _products.TryGet(productId, out product)
            && product.ReferenceId == productReferenceId)
        {
            return true;
        }

        product = null!;
        return false;
    }

    public bool TryGetProduct(Guid productId, out Product product)
    {
        if (_serving && _products.TryGet(productId, out product))
        {
            return true;
        }

        product = null!;
        return false;
    }

    public void StoreProduct(long stamp, Product product) => StoreIfUnchanged(
        stamp,
        () =>
        {
            _products.Set(product.Id, product);
            _productIdsByReference.Set(product.ReferenceId, product.Id);
        },
        () => _products.Remove(product.Id));

    /// <summary>
    /// Stores what a read returned unless something was invalidated since the read began (<paramref name="stamp"/>).
    /// An invalidation may also run between the check and the writes: then what was read may be older than that
    /// write, so it is taken out again (an invalidation bumps the stamp before it removes).
    /// </summary>
    private void StoreIfUnchanged(long stamp, Action store, Action takeBack)
    {
        if (!_serving || Stamp != stamp)
        {
            return;
        }

        store();
        if (Stamp != stamp || !_serving)
        {
            takeBack();
        }
    }

    public void InvalidateActivation(Guid activationId)
    {
        Interlocked.Increment(ref _stamp);
        _activations.Remove(activationId);
    }

    public void InvalidateLicense(Guid licenseId)
    {
        Interlocked.Increment(ref _stamp);
        _licenses.Remove(licenseId);
        _licensesWithActivations.Remove(licenseId);
    }

    public void InvalidateProduct(Guid productId)
    {
        Interlocked.Increment(ref _stamp);
        _products.Remove(productId);
    }

    public void InvalidateVersions(Guid productId)
    {
        Interlocked.Increment(ref _stamp);
        _versions.Remove(productId);
    }

    public void InvalidateAll()
    {
        Interlocked.Increment(ref _stamp);
        _activations.Clear();
        _licenses.Clear();
        _products.Clear();
        _licensesWithActivations.Clear();
        _licenseIdsByCode.Clear();
        _versions.Clear();
        _productIdsByReference.Clear();
    }

    public void Resume()
    {
        InvalidateAll();
        _listening = true;
        _serving = _enabled;
    }

    public void Suspend()
    {
        _serving = false;
        _listening = false;
        InvalidateAll();
    }
}
