using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;
using KeyBox.Infrastructure.ReadModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KeyBox.WebApi.IntegrationTests.ReadModel;

public sealed class ReadCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));

    [Test]
    public void Nothing_is_served_before_the_listener_is_connected()
    {
        var cache = NewCache();
        var entry = NewEntry();

        cache.Store(cache.Stamp, entry);

        Assert.That(cache.IsServing, Is.False);
        Assert.That(cache.TryGet(entry.Activation.Id, out _), Is.False);
    }

    [Test]
    public void A_stored_activation_is_served_with_its_license_and_product()
    {
        var cache = Connected();
        var entry = NewEntry();

        cache.Store(cache.Stamp, entry);

        Assert.That(cache.TryGet(entry.Activation.Id, out var hit), Is.True);
        Assert.That(hit.License, Is.SameAs(entry.License));
        Assert.That(hit.Product, Is.SameAs(entry.Product));
    }

    [TestCase("activation")]
    [TestCase("license")]
    [TestCase("product")]
    public void Invalidating_any_part_makes_the_activation_a_miss(string part)
    {
        var cache = Connected();
        var entry = NewEntry();
        cache.Store(cache.Stamp, entry);

        switch (part)
        {
            case "activation":
                cache.InvalidateActivation(entry.Activation.Id);
                break;
            case "license":
                cache.InvalidateLicense(entry.License.Id);
                break;
            default:
                cache.InvalidateProduct(entry.Product.Id);
                break;
        }

        Assert.That(cache.TryGet(entry.Activation.Id, out _), Is.False);
    }

    [Test]
    public void A_read_that_raced_with_an_invalidation_is_not_stored()
    {
        var cache = Connected();
        var entry = NewEntry();
        var stamp = cache.Stamp;

        // The database was read (old state), then a write was announced before the result was stored.
        cache.InvalidateLicense(entry.License.Id);
        cache.Store(stamp, entry);

        Assert.That(cache.TryGet(entry.Activation.Id, out _), Is.False);
    }

    [Test]
    public void Losing_the_listener_empties_the_cache_and_stops_serving_until_it_is_back()
    {
        var cache = Connected();
        var entry = NewEntry();
        cache.Store(cache.Stamp, entry);

        cache.Suspend();
        Assert.That(cache.IsServing, Is.False);
        Assert.That(cache.IsListening, Is.False);
        cache.Store(cache.Stamp, entry);
        Assert.That(cache.Counts, Is.EqualTo((0, 0, 0)));

        cache.Resume();
        Assert.That(cache.TryGet(entry.Activation.Id, out _), Is.False, "what was cached before the outage is gone");
        cache.Store(cache.Stamp, entry);
        Assert.That(cache.TryGet(entry.Activation.Id, out _), Is.True);
    }

    [Test]
    public void Entries_expire_after_the_maximum_age_even_without_notifications()
    {
        var cache = Connected(new ReadCacheOptions { MaxAgeSeconds = 30 });
        var entry = NewEntry();
        cache.Store(cache.Stamp, entry);

        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.That(cache.TryGet(entry.Activation.Id, out _), Is.False);
    }

    [Test]
    public void The_number_of_entries_is_bounded()
    {
        var cache = Connected(new ReadCacheOptions { MaxEntries = 500 });
        var product = NewProduct();

        for (var i = 0; i < 5_000; i++)
        {
            cache.Store(cache.Stamp, NewEntry(product));
        }

        var (activations, licenses, products) = cache.Counts;
        Assert.That(activations, Is.InRange(1, 500));
        Assert.That(licenses, Is.InRange(1, 500));
        Assert.That(products, Is.EqualTo(1));
    }

    [Test]
    public void A_disabled_cache_listens_but_never_serves()
    {
        var cache = Connected(new ReadCacheOptions { Enabled = false });
        var entry = NewEntry();
        cache.Store(cache.Stamp, entry);

        Assert.That(cache.IsListening, Is.True);
        Assert.That(cache.IsServing, Is.False);
        Assert.That(cache.TryGet(entry.Activation.Id, out _), Is.False);
    }

    [TestCase("license")]
    [TestCase("product")]
    [TestCase("all")]
    public void A_license_read_by_code_is_served_until_it_or_its_product_changes(string part)
    {
        var cache = Connected();
        var entry = NewEntry();
        var cached = new LicenseSnapshot(entry.License, entry.Product);
        cache.StoreLicense(cache.Stamp, cached);
        Assert.That(cache.TryGetLicense(entry.License.LicenseCode, out var hit), Is.True);
        Assert.That(hit.License, Is.SameAs(entry.License));

        switch (part)
        {
            case "license":
                cache.InvalidateLicense(entry.License.Id);
                break;
            case "product":
                cache.InvalidateProduct(entry.Product.Id);
                break;
            default:
                cache.InvalidateAll();
                break;
        }

        Assert.That(cache.TryGetLicense(entry.License.LicenseCode, out _), Is.False);
        Assert.That(cache.TryGetLicense("NO-SUCH-CODE", out _), Is.False);
    }

    [Test]
    public void A_license_read_by_code_that_raced_with_an_invalidation_is_not_stored()
    {
        var cache = Connected();
        var entry = NewEntry();
        var stamp = cache.Stamp;

        cache.InvalidateLicense(entry.License.Id);
        cache.StoreLicense(stamp, new LicenseSnapshot(entry.License, entry.Product));

        Assert.That(cache.TryGetLicense(entry.License.LicenseCode, out _), Is.False);
    }

    [TestCase("versions")]
    [TestCase("product")]
    public void A_catalog_is_served_until_its_versions_or_its_product_change(string part)
    {
        var cache = Connected();
        var product = NewProduct();
        cache.StoreCatalog(cache.Stamp, new CatalogSnapshot(product, []));
        Assert.That(cache.TryGetCatalog(product.ReferenceId, out var hit), Is.True);
        Assert.That(hit.Product, Is.SameAs(product));

        if (part == "versions")
        {
            cache.InvalidateVersions(product.Id);
        }
        else
        {
            cache.InvalidateProduct(product.Id);
        }

        Assert.That(cache.TryGetCatalog(product.ReferenceId, out _), Is.False);
    }

    private ReadCache NewCache(ReadCacheOptions? options = null) => new(Options.Create(options ?? new ReadCacheOptions()), _time);

    private ReadCache Connected(ReadCacheOptions? options = null)
    {
        var cache = NewCache(options);
        cache.Resume();
        return cache;
    }

    private Product NewProduct() => Product.Create(Guid.NewGuid(), "PROD-" + Guid.NewGuid().ToString("N")[..8], "Product", new ProductDetails(), _time.GetUtcNow());

    private ActivationSnapshot NewEntry(Product? product = null)
    {
        product ??= NewProduct();
        var license = License.Create(product.OwnerId, product.Id, null, null, new LicenseTerms(), _time.GetUtcNow());
        var activation = license.Activate(product, new ActivationPlace("shop.example.com", "https://shop.example.com/", "192.0.2.1"), _time.GetUtcNow());
        return new ActivationSnapshot(activation, license, product);
    }
}

/// <summary>The section was renamed from VerifyCache to ReadCache: the old keys are still read for one release, the new ones win.</summary>
public sealed class ReadCacheOptionsTests
{
    [Test]
    public void The_keys_of_the_old_VerifyCache_section_are_still_read_and_ReadCache_keys_win()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["VerifyCache:Enabled"] = "false",
                ["VerifyCache:MaxEntries"] = "10",
                ["ReadCache:MaxEntries"] = "20",
                ["ReadCache:MaxAgeSeconds"] = "5",
            })
            .Build();
        var options = new ReadCacheOptions();

        ReadCacheOptions.Bind(configuration, options);

        Assert.That((options.Enabled, options.MaxEntries, options.MaxAgeSeconds), Is.EqualTo((false, 20, 5.0)));
    }
}
