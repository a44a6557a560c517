using KeyBox.Domain.Accounts;

namespace KeyBox.Domain.UnitTests.Accounts;

public sealed class LoginThrottlePolicyTests
{
    private static readonly LoginThrottlePolicy Policy = LoginThrottlePolicy.Default;

    [Test]
    public void The_default_is_5_per_pair_20_per_IP_in_15_minutes_and_accounts_slowed_beyond_50_to_one_check_per_5_seconds()
    {
        Assert.That(Policy.MaxFailures, Is.EqualTo(5));
        Assert.That(Policy.Window, Is.EqualTo(TimeSpan.FromMinutes(15)));
        Assert.That(Policy.PerIpMaxFailures, Is.EqualTo(20));
        Assert.That(Policy.PerAccountMaxFailures, Is.EqualTo(50));
        Assert.That(Policy.PerAccountDelay, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(Policy.IsEnabled, Is.True);
    }

    [Test]
    public void An_attempt_counts_under_its_account_and_IP_pair_its_IP_and_its_account()
    {
        var keys = Policy.KeysFor("dev@example.com", "203.0.113.7");
        Assert.That(keys, Is.EqualTo(new LoginThrottleKeys("pair:dev@example.com|203.0.113.7", "ip:203.0.113.7", "account:dev@example.com")));
        Assert.That(keys.IsEmpty, Is.False);
    }

    [Test]
    public void The_same_account_from_another_IP_is_another_pair_but_the_same_account()
    {
        var a = Policy.KeysFor("dev@example.com", "203.0.113.7");
        var b = Policy.KeysFor("dev@example.com", "198.51.100.9");
        Assert.That(b.Pair, Is.Not.EqualTo(a.Pair));
        Assert.That(b.Ip, Is.Not.EqualTo(a.Ip));
        Assert.That(b.Account, Is.EqualTo(a.Account));
    }

    [TestCase(null)]
    [TestCase("")]
    public void Without_a_client_address_there_is_no_IP_key_and_the_pair_has_an_empty_address(string? address)
    {
        var keys = Policy.KeysFor("dev@example.com", address);
        Assert.That(keys.Pair, Is.EqualTo("pair:dev@example.com|"));
        Assert.That(keys.Ip, Is.Null);
        Assert.That(keys.Account, Is.EqualTo("account:dev@example.com"));
    }

    [TestCase("203.0.113.7", "203.0.113.7")]
    [TestCase("::ffff:203.0.113.7", "203.0.113.7")]
    [TestCase("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [TestCase("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [TestCase("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    public void An_IPv6_client_counts_as_its_64_network_and_an_IPv4_one_as_itself(string address, string expected)
    {
        Assert.That(LoginThrottlePolicy.ClientKey(address), Is.EqualTo(expected));
        var keys = Policy.KeysFor("dev@example.com", address);
        Assert.That(keys.Ip, Is.EqualTo("ip:" + expected));
        Assert.That(keys.Pair, Is.EqualTo("pair:dev@example.com|" + expected));
    }

    [Test]
    public void A_limit_of_zero_turns_its_key_off()
    {
        var noPair = Policy with { MaxFailures = 0 };
        var noIp = Policy with { PerIpMaxFailures = 0 };
        var noAccount = Policy with { PerAccountMaxFailures = 0 };
        var noDelay = Policy with { PerAccountDelay = TimeSpan.Zero };

        Assert.That(noPair.KeysFor("a@b.c", "203.0.113.7").Pair, Is.Null);
        Assert.That(noIp.KeysFor("a@b.c", "203.0.113.7").Ip, Is.Null);
        Assert.That(noAccount.KeysFor("a@b.c", "203.0.113.7").Account, Is.Null);
        Assert.That(noDelay.KeysFor("a@b.c", "203.0.113.7").Account, Is.Null, "a ceiling without a delay slows nothing");
        Assert.That(new[] { noPair, noIp, noAccount, noDelay }.All(p => p.IsEnabled), Is.True, "the other keys still count");
    }

    [Test]
    public void Every_limit_at_zero_or_an_empty_window_turns_throttling_off()
    {
        var allOff = new LoginThrottlePolicy(0, TimeSpan.FromMinutes(15), 0, 0, TimeSpan.FromSeconds(5));
        var noWindow = Policy with { Window = TimeSpan.Zero };
        foreach (var off in new[] { allOff, noWindow })
        {
            Assert.That(off.IsEnabled, Is.False);
            Assert.That(off.KeysFor("dev@example.com", "203.0.113.7").IsEmpty, Is.True);
        }
    }
}
