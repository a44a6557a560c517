using System.Collections.Concurrent;
using KeyBox.Application.Common.Interfaces;

namespace KeyBox.Infrastructure.RateLimiting;

/// <summary>
/// Counters in this process's memory: the default when no Redis is configured. Each server process then limits
/// on its own. Expired windows are swept once a minute so that the map stays as small as the active callers.
/// </summary>
public sealed class InMemoryRateLimitCounterStore(TimeProvider clock) : IRateLimitCounterStore
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private long _nextSweepTicks;

    public ValueTask<RateLimitCount?> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        SweepIfDue(now);
        while (true)
        {
            var current = _windows.GetOrAdd(key, static (_, resetsAt) => new Window(resetsAt), now + window);
            lock (current)
            {
                if (current.Removed)
                {
                    continue;
                }

                if (current.ResetsAt <= now)
                {
                    current.Count = 0;
                    current.ResetsAt = now + window;
                }

                current.Count++;
                return ValueTask.FromResult<RateLimitCount?>(new RateLimitCount(current.Count, current.ResetsAt - now));
            }
        }
    }

    /// <summary>Forgets every counter (tests reset it with the data).</summary>
    public void Clear() => _windows.Clear();

    private void SweepIfDue(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepEvery).UtcTicks, next) != next)
        {
            return;
        }

        foreach (var (key, window) in _windows)
        {
            lock (window)
            {
                if (window.ResetsAt <= now)
                {
                    window.Removed = true;
                    _windows.TryRemove(new KeyValuePair<string, Window>(key, window));
                }
            }
        }
    }

    private sealed class Window(DateTimeOffset resetsAt)
    {
        public long Count;
        public DateTimeOffset ResetsAt = resetsAt;
        public bool Removed;
    }
}
