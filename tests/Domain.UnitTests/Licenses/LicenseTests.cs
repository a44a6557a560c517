using System.Net;
using KeyBox.Domain.Common;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;

namespace KeyBox.Domain.UnitTests.Licenses;

public sealed class LicenseTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.NewGuid();

    private static Product NewProduct() => Product.Create(Owner, "P-1", "Product", new ProductDetails(), Now);

    private static License NewLicense(Product product, LicenseTerms? terms = null) =>
        License.Create(Owner, product.Id, null, null, terms ?? new LicenseTerms(ParallelUses: 2), Now);

    private static ActivationPlace At(string domain, string? machine = null, string ip = "203.0.113.9") => new(domain, $"https://{domain}/", ip, machine);

    [Test]
    public void Activation_beyond_parallel_uses_is_refused()
    {
        var product = NewProduct();
        var license = NewLicense(product);
        license.Activate(product, At("a.example"), Now);
        license.Activate(product, At("b.example"), Now);
        var error = Assert.Throws<DomainException>(() => license.Activate(product, At("c.example"), Now))!;
        Assert.That(error.Code, Is.EqualTo(ErrorCodes.ActivationLimitReached));
        Assert.That(license.ActiveActivationCount, Is.EqualTo(2));
    }

    [Test]
    public void The_same_place_refreshes_its_activation_instead_of_taking_a_seat()
    {
        var product = NewProduct();
        var license = NewLicense(product, new LicenseTerms(ParallelUses: 1));
        var first = license.Activate(product, At("a.example"), Now);
        var again = license.Activate(product, At("a.example"), Now.AddMinutes(1));
        Assert.That(again.Id, Is.EqualTo(first.Id));
        Assert.That(again.LastVerifiedAt, Is.EqualTo(Now.AddMinutes(1)));
    }

    [Test]
    public void Deactivation_frees_the_seat_at_once()
    {
        var product = NewProduct();
        var license = NewLicense(product, new LicenseTerms(ParallelUses: 1));
        var first = license.Activate(product, At("a.example"), Now);
        license.Deactivate(first.Id, Now);
        Assert.DoesNotThrow(() => license.Activate(product, At("b.example"), Now));
        Assert.That(license.DomainEvents.OfType<LicenseDeactivated>().Count(), Is.EqualTo(1));
    }

    [Test]
    public void Duration_licenses_are_pending_until_first_activation_and_the_expiry_never_moves()
    {
        var product = NewProduct();
        var license = NewLicense(product, new LicenseTerms(DurationMonths: 3, ParallelUses: 2));
        Assert.That(license.StatusAt(Now), Is.EqualTo(LicenseStatus.Pending));
        license.Activate(product, At("a.example"), Now);
        Assert.That(license.ExpiresAt, Is.EqualTo(Now.AddMonths(3)));
        license.Activate(product, At("b.example"), Now.AddMonths(1));
        Assert.That(license.ExpiresAt, Is.EqualTo(Now.AddMonths(3)));
        license.Update(null, new LicenseTerms(DurationMonths: 6, ParallelUses: 2), Now.AddMonths(1));
        Assert.That(license.ExpiresAt, Is.EqualTo(Now.AddMonths(3)), "changing the duration does not move a started clock");
        Assert.That(license.StatusAt(Now.AddMonths(4)), Is.EqualTo(LicenseStatus.Expired));
    }

    [TestCase(true, false, null, LicenseStatus.Blocked)]
    [TestCase(false, false, null, LicenseStatus.Invalid)]
    [TestCase(false, true, -1, LicenseStatus.Expired)]
    [TestCase(false, true, 1, LicenseStatus.Active)]
    [TestCase(false, true, null, LicenseStatus.Active)]
    public void Status_is_derived(bool blocked, bool valid, int? expiresInDays, LicenseStatus expected)
    {
        var status = License.DeriveStatus(blocked, valid, expiresInDays is { } d ? Now.AddDays(d) : null, null, null, Now);
        Assert.That(status, Is.EqualTo(expected));
    }

    [TestCase("Blocked", ErrorCodes.LicenseBlocked)]
    [TestCase("Invalid", ErrorCodes.LicenseInvalid)]
    [TestCase("Expired", ErrorCodes.LicenseExpired)]
    [TestCase("ProductInactive", ErrorCodes.ProductInactive)]
    public void Unusable_licenses_cannot_be_activated(string state, string code)
    {
        var product = NewProduct();
        var license = NewLicense(product, new LicenseTerms(IsValid: state != "Invalid", ExpiresAt: state == "Expired" ? Now.AddDays(-1) : null));
        if (state == "Blocked")
        {
            license.Block(Now);
        }

        if (state == "ProductInactive")
        {
            product.Deactivate(Now);
        }

        var error = Assert.Throws<DomainException>(() => license.Activate(product, At("a.example"), Now))!;
        Assert.That(error.Code, Is.EqualTo(code));
    }

    [Test]
    public void Domain_and_ip_allow_lists_are_enforced()
    {
        var product = NewProduct();
        var license = NewLicense(product, new LicenseTerms(ParallelUses: 5, Domains: ["*.example.com"], Ips: ["10.0.0.0/8"]));
        Assert.DoesNotThrow(() => license.Activate(product, At("shop.example.com", ip: "10.2.3.4"), Now));
        Assert.That(Assert.Throws<DomainException>(() => license.Activate(product, At("example.com", ip: "10.2.3.4"), Now))!.Code, Is.EqualTo(ErrorCodes.DomainNotAllowed));
        Assert.That(Assert.Throws<DomainException>(() => license.Activate(product, At("a.example.com", ip: "11.0.0.1"), Now))!.Code, Is.EqualTo(ErrorCodes.IpNotAllowed));
    }

    [Test]
    public void Invalid_terms_name_the_field()
    {
        var product = NewProduct();
        Assert.That(Assert.Throws<DomainException>(() => NewLicense(product, new LicenseTerms(ParallelUses: 0)))!.Field, Is.EqualTo("ParallelUses"));
        Assert.That(Assert.Throws<DomainException>(() => NewLicense(product, new LicenseTerms(Domains: ["*.*.com"])))!.Field, Is.EqualTo("Domains[0]"));
        Assert.That(Assert.Throws<DomainException>(() => NewLicense(product, new LicenseTerms(Ips: ["1.2.3.4", "300.1.1.1"])))!.Field, Is.EqualTo("Ips[1]"));
    }

    [Test]
    public void Updates_are_covered_until_updates_until()
    {
        var product = NewProduct();
        var license = NewLicense(product, new LicenseTerms(UpdatesUntil: Now));
        Assert.That(license.CoversUpdateReleasedAt(Now.AddDays(-1)), Is.True);
        Assert.That(license.CoversUpdateReleasedAt(Now), Is.True);
        Assert.That(license.CoversUpdateReleasedAt(Now.AddDays(1)), Is.False);
        Assert.That(NewLicense(product).CoversUpdateReleasedAt(Now.AddYears(50)), Is.True);
    }

    [Test]
    public void Generated_codes_use_an_unambiguous_alphabet()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => LicenseCode.Generate()).ToList();
        Assert.That(codes, Is.Unique);
        Assert.That(codes, Is.All.Match("^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){4}$"));
    }
}

public sealed class AllowListTests
{
    [TestCase("example.com", "example.com", true)]
    [TestCase("Example.COM.", "example.com", true)]
    [TestCase("*.example.com", "a.example.com", true)]
    [TestCase("*.example.com", "a.b.example.com", true)]
    [TestCase("*.example.com", "example.com", false)]
    [TestCase("*.example.com", "badexample.com", false)]
    [TestCase("example.com", "www.example.com", false)]
    [TestCase("bücher.de", "xn--bcher-kva.de", true)]
    public void Domain_patterns_match_hosts(string pattern, string host, bool matches)
    {
        Assert.That(DomainPattern.TryNormalize(pattern, out var normalized), Is.True);
        Assert.That(DomainPattern.Matches(normalized, host), Is.EqualTo(matches));
    }

    [TestCase("*.*.com")]
    [TestCase("*.com")]
    [TestCase("exa mple.com")]
    [TestCase("-bad.com")]
    [TestCase("")]
    [TestCase("a..b")]
    public void Invalid_domain_patterns_are_rejected(string pattern) =>
        Assert.That(DomainPattern.TryNormalize(pattern, out _), Is.False);

    [TestCase("192.168.1.100", "192.168.1.100", true)]
    [TestCase("192.168.1.100", "192.168.1.101", false)]
    [TestCase("10.0.0.0/8", "10.255.0.1", true)]
    [TestCase("10.1.2.3/8", "10.9.9.9", true)]
    [TestCase("10.0.0.0/8", "11.0.0.1", false)]
    [TestCase("2001:db8::/32", "2001:db8:1::1", true)]
    [TestCase("2001:db8::/32", "2001:db9::1", false)]
    [TestCase("::1", "::1", true)]
    [TestCase("192.168.1.100", "::ffff:192.168.1.100", true)]
    public void Ip_rules_match_addresses(string rule, string address, bool matches)
    {
        Assert.That(IpRule.TryNormalize(rule, out var normalized), Is.True);
        Assert.That(IpRule.Matches(normalized, IPAddress.Parse(address)), Is.EqualTo(matches));
    }

    [TestCase("300.1.1.1")]
    [TestCase("1")]
    [TestCase("10.1")]
    [TestCase("10.0.0.0/33")]
    [TestCase("2001:db8::/129")]
    [TestCase("localhost")]
    [TestCase("1.2.3.4/")]
    public void Invalid_ip_rules_are_rejected(string rule) => Assert.That(IpRule.TryNormalize(rule, out _), Is.False);
}
