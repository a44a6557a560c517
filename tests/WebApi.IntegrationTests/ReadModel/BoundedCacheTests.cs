using KeyBox.Infrastructure.ReadModel;
using Microsoft.Extensions.Time.Testing;

namespace KeyBox.WebApi.IntegrationTests.ReadModel;

public sealed class BoundedCacheTests
{
    [Test]
    public void The_cache_never_holds_more_than_its_capacity()
    {
        var cache = new BoundedCache<int, string>(1_000, TimeSpan.FromMinutes(1), new FakeTimeProvider());

        for (var i = 0; i < 25_000; i++)
        {
            cache.Set(i, "value " + i);
            Assert.That(cache.Count, Is.LessThanOrEqualTo(1_000), $"after {i + 1} inserts");
        }

        Assert.That(cache.Count, Is.GreaterThanOrEqualTo(900), "trimming keeps most of the capacity in use");
        Assert.That(cache.TryGet(24_999, out var newest), Is.True, "the newest entry is kept");
        Assert.That(newest, Is.EqualTo("value 24999"));
    }

    [Test]
    public void Replacing_an_entry_does_not_count_twice()
    {
        var cache = new BoundedCache<int, string>(10, TimeSpan.FromMinutes(1), new FakeTimeProvider());

        for (var i = 0; i < 100; i++)
        {
            cache.Set(1, "v" + i);
        }

        Assert.That(cache.Count, Is.EqualTo(1));
        Assert.That(cache.TryGet(1, out var value) ? value : null, Is.EqualTo("v99"));
    }

    [Test]
    public void Entries_older_than_the_maximum_age_are_not_served()
    {
        var time = new FakeTimeProvider();
        var cache = new BoundedCache<int, string>(10, TimeSpan.FromSeconds(30), time);
        cache.Set(1, "one");

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.That(cache.TryGet(1, out _), Is.True);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(cache.TryGet(1, out _), Is.False);
    }

    [Test]
    public void Aged_entries_are_trimmed_first()
    {
        var time = new FakeTimeProvider();
        var cache = new BoundedCache<int, string>(10, TimeSpan.FromSeconds(30), time);
        for (var i = 0; i < 10; i++)
        {
            cache.Set(i, "old");
        }

        time.Advance(TimeSpan.FromMinutes(1));
        for (var i = 100; i < 105; i++)
        {
            cache.Set(i, "new");
        }

        Assert.That(cache.Count, Is.EqualTo(5), "the ten aged entries made room");
        Assert.That(Enumerable.Range(100, 5).All(i => cache.TryGet(i, out _)), Is.True);
    }

    [Test]
    public void Concurrent_writers_keep_the_count_consistent_and_bounded()
    {
        var cache = new BoundedCache<int, int>(5_000, TimeSpan.FromMinutes(1), new FakeTimeProvider());

        Parallel.For(0, 8, worker =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                cache.Set((worker * 20_000) + i, i);
                if (i % 3 == 0)
                {
                    cache.Remove((worker * 20_000) + i - 1);
                }
            }
        });

        Assert.That(cache.Count, Is.LessThanOrEqualTo(5_000 + 8), "at most one pending insert per writer over the bound");
        cache.Clear();
        Assert.That(cache.Count, Is.Zero);
    }
}
