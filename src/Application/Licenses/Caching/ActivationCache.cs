using KeyBox.Application.Common.Caching;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;
using Microsoft.Extensions.Options;

namespace KeyBox.Application.Licenses.Caching;

/// <summary>Configuration section <c>VerifyCache</c>.</summary>
public sealed class ActivationCacheOptions
{
    public const string Section = "VerifyCache";

    /// <summary>Off: every verify reads the database.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>At most this many activations, and as many licenses and products, are kept.</summary>
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>The last resort: an entry older than this is read again even without a notification.</summary>
    public double MaxAgeSeconds { get; set; } = 30;
}

/// <summary>
/// <see cref="IActivationCache"/> as three bounded maps (activations, licenses, products) so that a notification
/// about one row removes exactly that row. A global stamp, bumped by every invalidation, keeps a read that raced
/// with a write from storing what it read before the write.
/// </summary>
public sealed class ActivationCache : IActivationCache
{
    private readonly bool _enabled;
    private readonly BoundedCache<Guid, Activation> _activations;
    private readonly BoundedCache<Guid, License> _licenses;
    private readonly BoundedCache<Guid, Product> _products;
    private long _stamp;
    private volatile bool _serving;
    private volatile bool _listening;

    public ActivationCache(IOptions<ActivationCacheOptions> options, TimeProvider time)
    {
        var value = options.Value;
        _enabled = value.Enabled;
        var capacity = Math.Max(1, value.MaxEntries);
        var maxAge = TimeSpan.FromSeconds(Math.Max(0, value.MaxAgeSeconds));
        _activations = new BoundedCache<Guid, Activation>(capacity, maxAge, time);
        _licenses = new BoundedCache<Guid, License>(capacity, maxAge, time);
        _products = new BoundedCache<Guid, Product>(capacity, maxAge, time);
    }

    public bool IsServing => _serving;

    public bool IsListening => _listening;

    public long Stamp => Interlocked.Read(ref _stamp);

    /// <summary>Entries held per kind (for tests and diagnostics).</summary>
    public (int Activations, int Licenses, int Products) Counts => (_activations.Count, _licenses.Count, _products.Count);

    public bool TryGet(Guid activationId, out CachedActivation cached)
    {
        if (_serving
            && _activations.TryGet(activationId, out var activation)
            && _licenses.TryGet(activation.LicenseId, out var license)
            && _products.TryGet(license.ProductId, out var product))
        {
            cached = new CachedActivation(activation, license, product);
            return true;
        }

        cached = null!;
        return false;
    }

    public void Store(long stamp, CachedActivation cached)
    {
        if (!_serving || Stamp != stamp)
        {
            return;
        }

        _products.Set(cached.Product.Id, cached.Product);
        _licenses.Set(cached.License.Id, cached.License);
        _activations.Set(cached.Activation.Id, cached.Activation);

        // An invalidation may have run between the check above and the writes: then what was read may be older
        // than that write, so take it out again (the invalidation bumps the stamp before it removes).
        if (Stamp != stamp || !_serving)
        {
            _activations.Remove(cached.Activation.Id);
            _licenses.Remove(cached.License.Id);
            _products.Remove(cached.Product.Id);
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
    }

    public void InvalidateProduct(Guid productId)
    {
        Interlocked.Increment(ref _stamp);
        _products.Remove(productId);
    }

    public void InvalidateAll()
    {
        Interlocked.Increment(ref _stamp);
        _activations.Clear();
        _licenses.Clear();
        _products.Clear();
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
