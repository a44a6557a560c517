using System.Collections.Concurrent;

namespace KeyBox.Infrastructure.ReadModel;

/// <summary>
/// A concurrent map with a size bound and a maximum entry age. Reads are lock-free; an insert that takes the
/// cache over its capacity trims it back to 90 % (aged entries first, then arbitrary ones), so memory stays
/// bounded whatever the key space. Ages are measured on <see cref="TimeProvider.GetTimestamp"/> (monotonic).
/// </summary>
public sealed class BoundedCache<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;
    private int _count;
    private int _trimming;

    public BoundedCache(int capacity, TimeSpan maxAge, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _maxAge = maxAge;
        _time = time;
    }

    public int Capacity { get; }

    /// <summary>The number of entries held (aged ones included until they are trimmed or replaced).</summary>
    public int Count => Volatile.Read(ref _count);

    public bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && _time.GetElapsedTime(entry.StoredAt) < _maxAge)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        var entry = new Entry(value, _time.GetTimestamp());
        if (_entries.TryAdd(key, entry))
        {
            if (Interlocked.Increment(ref _count) > Capacity)
            {
                Trim();
            }
        }
        else
        {
            _entries[key] = entry;
        }
    }

    public bool Remove(TKey key)
    {
        if (_entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
            return true;
        }

        return false;
    }

    public void Clear()
    {
        foreach (var pair in _entries)
        {
            Remove(pair.Key);
        }
    }

    private void Trim()
    {
        if (Interlocked.Exchange(ref _trimming, 1) == 1)
        {
            return;
        }

        try
        {
            var target = Capacity - Math.Max(1, Capacity / 10);
            foreach (var pair in _entries)
            {
                if (_time.GetElapsedTime(pair.Value.StoredAt) >= _maxAge)
                {
                    Remove(pair.Key);
                }
            }

            foreach (var pair in _entries)
            {
                if (Count <= target)
                {
                    break;
                }

                Remove(pair.Key);
            }
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }

    private readonly record struct Entry(TValue Value, long StoredAt);
}
