using KeyBox.Domain.Accounts;

namespace KeyBox.Domain.UnitTests.Accounts;

public sealed class LoginThrottlePolicyTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly LoginThrottlePolicy Policy = LoginThrottlePolicy.Default;

    private static DateTimeOffset[] MinutesAgo(params int[] minutes) => minutes.Select(m => Now.AddMinutes(-m)).ToArray();

    [Test]
    public void The_default_is_5_failures_in_15_minutes()
    {
        Assert.That(Policy.MaxFailures, Is.EqualTo(5));
        Assert.That(Policy.Window, Is.EqualTo(TimeSpan.FromMinutes(15)));
    }

    [Test]
    public void Fewer_failures_than_the_limit_allow_an_attempt()
    {
        Assert.That(Policy.RetryAfter(MinutesAgo(1, 2, 3, 4), Now), Is.Null);
        Assert.That(Policy.RetryAfter([], Now), Is.Null);
    }

    [Test]
    public void Reaching_the_limit_refuses_until_the_oldest_counted_failure_leaves_the_window()
    {
        var retryAfter = Policy.RetryAfter(MinutesAgo(1, 2, 3, 4, 10), Now);
        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromMinutes(5)));
    }

    [Test]
    public void Failures_older_than_the_window_do_not_count()
    {
        Assert.That(Policy.RetryAfter(MinutesAgo(1, 2, 3, 4, 15, 20, 30), Now), Is.Null);
    }

    [Test]
    public void With_more_failures_than_the_limit_the_newest_ones_decide()
    {
        // Six failures: the refusal lasts until only four remain in the window, i.e. the 5th newest (4 min ago) leaves it.
        var retryAfter = Policy.RetryAfter(MinutesAgo(12, 1, 2, 3, 4, 10), Now);
        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromMinutes(5)));
    }

    [Test]
    public void A_limit_of_zero_turns_throttling_off()
    {
        var off = new LoginThrottlePolicy(0, TimeSpan.FromMinutes(15));
        Assert.That(off.IsEnabled, Is.False);
        Assert.That(off.RetryAfter(MinutesAgo(1, 1, 1, 1, 1, 1), Now), Is.Null);
    }

    [Test]
    public void The_window_starts_one_window_before_now()
    {
        Assert.That(Policy.WindowStart(Now), Is.EqualTo(Now.AddMinutes(-15)));
    }
}
