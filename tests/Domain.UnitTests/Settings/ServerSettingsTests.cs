using KeyBox.Domain.Common;
using KeyBox.Domain.Settings;

namespace KeyBox.Domain.UnitTests.Settings;

public sealed class ServerSettingsTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void The_defaults_are_3000_requests_per_minute_by_IP_address_in_the_one_settings_row()
    {
        var settings = ServerSettings.CreateDefault(Now);

        Assert.That(settings.Id, Is.EqualTo(ServerSettings.SingletonId));
        Assert.That(settings.RequestsPerMinute, Is.EqualTo(3000));
        Assert.That(settings.RateLimitMethod, Is.EqualTo(RateLimitMethod.IpAddress));
        Assert.That(settings.UpdatedAt, Is.EqualTo(Now));
    }

    [TestCase(1)]
    [TestCase(3000)]
    [TestCase(ServerSettings.MaxRequestsPerMinute)]
    public void Rate_limiting_can_be_changed_within_bounds(int perMinute)
    {
        var settings = ServerSettings.CreateDefault(Now);

        settings.ChangeRateLimiting(perMinute, RateLimitMethod.ApiKeyIpAddress, Now.AddMinutes(1));

        Assert.That(settings.RequestsPerMinute, Is.EqualTo(perMinute));
        Assert.That(settings.RateLimitMethod, Is.EqualTo(RateLimitMethod.ApiKeyIpAddress));
        Assert.That(settings.UpdatedAt, Is.EqualTo(Now.AddMinutes(1)));
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(ServerSettings.MaxRequestsPerMinute + 1)]
    public void A_limit_out_of_bounds_is_refused_and_nothing_changes(int perMinute)
    {
        var settings = ServerSettings.CreateDefault(Now);

        var ex = Assert.Throws<DomainException>(() => settings.ChangeRateLimiting(perMinute, RateLimitMethod.ApiKey, Now.AddMinutes(1)));

        Assert.That(ex!.Code, Is.EqualTo(ErrorCodes.ValidationFailed));
        Assert.That(ex.Field, Is.EqualTo(nameof(ServerSettings.RequestsPerMinute)));
        Assert.That(settings.RequestsPerMinute, Is.EqualTo(3000));
        Assert.That(settings.RateLimitMethod, Is.EqualTo(RateLimitMethod.IpAddress));
    }

    [Test]
    public void An_undefined_method_is_refused()
    {
        var settings = ServerSettings.CreateDefault(Now);

        Assert.Throws<DomainException>(() => settings.ChangeRateLimiting(10, (RateLimitMethod)9, Now));
    }

    [TestCase("ip_address", RateLimitMethod.IpAddress)]
    [TestCase("api_key", RateLimitMethod.ApiKey)]
    [TestCase("api_key_ip_address", RateLimitMethod.ApiKeyIpAddress)]
    [TestCase(" API_KEY ", RateLimitMethod.ApiKey)]
    public void Method_names_parse_and_format_as_the_setting_values(string name, RateLimitMethod expected)
    {
        Assert.That(RateLimitMethods.TryParse(name, out var method), Is.True);
        Assert.That(method, Is.EqualTo(expected));
        Assert.That(RateLimitMethods.NameOf(method), Is.EqualTo(name.Trim().ToLowerInvariant()));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("ip")]
    [TestCase("IpAddress")]
    public void Other_method_names_do_not_parse(string? name)
    {
        Assert.That(RateLimitMethods.TryParse(name, out _), Is.False);
    }
}
