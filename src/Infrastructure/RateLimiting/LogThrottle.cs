namespace KeyBox.Infrastructure.RateLimiting;

/// <summary>Lets a recurring warning through at most once per interval, counting what it held back.</summary>
internal sealed class LogThrottle(TimeSpan interval)
{
    private long _nextAllowedTicks;
    private long _suppressed;

    /// <summary>True when the warning should be logged now; <paramref name="suppressed"/> is how many were skipped since the last one.</summary>
    public bool ShouldLog(out long suppressed)
    {
        var now = Environment.TickCount64;
        var next = Interlocked.Read(ref _nextAllowedTicks);
        if (now >= next && Interlocked.CompareExchange(ref _nextAllowedTicks, now + (long)interval.TotalMilliseconds, next) == next)
        {
            suppressed = Interlocked.Exchange(ref _suppressed, 0);
            return true;
        }

        Interlocked.Increment(ref _suppressed);
        suppressed = 0;
        return false;
    }

    /// <summary>Allows the next warning immediately (after a recovery).</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _nextAllowedTicks, 0);
        Interlocked.Exchange(ref _suppressed, 0);
    }
}
