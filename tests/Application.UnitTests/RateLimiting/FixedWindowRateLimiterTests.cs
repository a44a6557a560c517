using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.RateLimiting;

namespace KeyBox.Application.UnitTests.RateLimiting;

public sealed class FixedWindowRateLimiterTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Test]
    public async Task Requests_up_to_the_limit_are_allowed_and_report_what_remains()
    {
        var limiter = new FixedWindowRateLimiter(new CountingStore(TimeSpan.FromSeconds(42.3)));

        var decisions = new List<RateLimitDecision>();
        for (var i = 0; i < 4; i++)
        {
            decisions.Add((await limiter.AcquireAsync("p", 3, Minute, CancellationToken.None))!);
        }

        Assert.That(decisions.Select(d => d.Allowed), Is.EqualTo(new[] { true, true, true, false }));
        Assert.That(decisions.Select(d => d.Remaining), Is.EqualTo(new[] { 2, 1, 0, 0 }));
        Assert.That(decisions[3].Limit, Is.EqualTo(3));
        Assert.That(decisions[3].Policy, Is.EqualTo("3;w=60"));
        Assert.That(decisions[3].ResetSeconds, Is.EqualTo(43), "rounded up to whole seconds");
    }

    [Test]
    public async Task Reset_seconds_are_at_least_one()
    {
        var limiter = new FixedWindowRateLimiter(new CountingStore(TimeSpan.FromMilliseconds(3)));

        var decision = await limiter.AcquireAsync("p", 1, Minute, CancellationToken.None);

        Assert.That(decision!.ResetSeconds, Is.EqualTo(1));
    }

    [Test]
    public async Task When_the_store_cannot_answer_there_is_no_decision()
    {
        var limiter = new FixedWindowRateLimiter(new UnavailableStore());

        Assert.That(await limiter.AcquireAsync("p", 1, Minute, CancellationToken.None), Is.Null);
    }

    private sealed class CountingStore(TimeSpan resetsIn) : IRateLimitCounterStore
    {
        private readonly Dictionary<string, long> _counts = [];

        public ValueTask<RateLimitCount?> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken)
        {
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
            return ValueTask.FromResult<RateLimitCount?>(new RateLimitCount(_counts[key], resetsIn));
        }
    }

    private sealed class UnavailableStore : IRateLimitCounterStore
    {
        public ValueTask<RateLimitCount?> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken) =>
            ValueTask.FromResult<RateLimitCount?>(null);
    }
}
