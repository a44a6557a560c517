using KeyBox.Domain.Versions;

namespace KeyBox.Domain.UnitTests.Versions;

public sealed class UpdatePolicyTests
{
    private static readonly Guid ProductId = Guid.NewGuid();
    private static readonly DateTimeOffset Released = new(2025, 1, 15, 0, 0, 0, TimeSpan.Zero);

    private static ProductVersion V(string version, bool active = true, string? id = null, int dayOffset = 0) =>
        ProductVersion.Create(ProductId, id ?? "v" + version.TrimStart('v'), new VersionDetails(version, null, null, Released.AddDays(dayOffset), active), Released);

    private static SemanticVersion Sv(string text) =>
        SemanticVersion.TryParse(text, out var version) ? version : throw new ArgumentException(text);

    private static readonly ProductVersion[] Catalogue =
    [
        V("1.0.0"), V("1.10.0"), V("1.2.0"), V("1.9"), V("2.0.0"), V("2.0.0-beta.1"), V("2.0.0-beta.2"), V("3.0.0", active: false),
    ];

    [TestCase("1.0.0")]
    [TestCase("v1.0")]
    [TestCase("1")]
    [TestCase("2.0.0-beta.1")]
    public void Serving_latest_offers_the_newest_active_version_above_current(string current)
    {
        var offered = UpdatePolicy.SelectUpdate(Catalogue, Sv(current), serveLatestUpdates: true);
        Assert.That(offered?.Version, Is.EqualTo("2.0.0"), "3.0.0 is inactive and never offered");
    }

    [TestCase("1.0.0", "1.2.0")]
    [TestCase("v1.2", "1.9")]
    [TestCase("1.9.0", "1.10.0")]
    [TestCase("1.10.0", "2.0.0-beta.1")]
    [TestCase("2.0.0-beta.1", "2.0.0-beta.2")]
    [TestCase("2.0.0-beta.2", "2.0.0")]
    [TestCase("0.1", "1.0.0")]
    [TestCase("1.5.0", "1.9")] // a current version that was never released still gets the next one above it
    public void Sequential_updates_offer_the_next_active_version_after_current(string current, string expected)
    {
        var offered = UpdatePolicy.SelectUpdate(Catalogue, Sv(current), serveLatestUpdates: false);
        Assert.That(offered?.Version, Is.EqualTo(expected));
    }

    [TestCase("2.0.0", true)]
    [TestCase("2.0.0", false)]
    [TestCase("v2.0.0", false)]
    [TestCase("2.5.0", true)]
    [TestCase("3.0.0", false)]
    public void Up_to_date_clients_get_nothing(string current, bool serveLatest)
    {
        Assert.That(UpdatePolicy.SelectUpdate(Catalogue, Sv(current), serveLatest), Is.Null);
    }

    [Test]
    public void Inactive_versions_are_skipped_in_sequence()
    {
        ProductVersion[] versions = [V("1.0.0"), V("1.1.0", active: false), V("1.2.0")];
        Assert.That(UpdatePolicy.SelectUpdate(versions, Sv("1.0.0"), serveLatestUpdates: false)?.Version, Is.EqualTo("1.2.0"));
    }

    [Test]
    public void Latest_is_the_newest_active_version_by_semantic_order_not_by_text()
    {
        ProductVersion[] versions = [V("1.9.0"), V("1.10.0"), V("1.11.0-rc.1"), V("9.0.0", active: false)];
        Assert.That(UpdatePolicy.Latest(versions)?.Version, Is.EqualTo("1.11.0-rc.1"));
    }

    [Test]
    public void Latest_is_null_without_active_versions()
    {
        Assert.That(UpdatePolicy.Latest([V("1.0.0", active: false)]), Is.Null);
        Assert.That(UpdatePolicy.Latest([]), Is.Null);
    }

    [Test]
    public void Equal_semantic_versions_are_ordered_by_release_date()
    {
        ProductVersion[] versions = [V("v2.0", id: "b", dayOffset: 5), V("2.0.0", id: "a", dayOffset: 1), V("1.0.0")];
        Assert.That(UpdatePolicy.Latest(versions)?.VersionId, Is.EqualTo("b"));
        Assert.That(UpdatePolicy.SelectUpdate(versions, Sv("1.0.0"), serveLatestUpdates: false)?.VersionId, Is.EqualTo("a"));
    }
}

public sealed class UpdatePolicySemanticVersionTests
{
    [TestCase("v1.2.3", "1.2.3")]
    [TestCase("V1", "1.0.0")]
    [TestCase("1.2", "1.2.0")]
    [TestCase(" 1.2.3+build.5 ", "1.2.3")]
    [TestCase("1.2.3-rc.1", "1.2.3-rc.1")]
    public void Parsing_tolerates_a_leading_v_and_missing_parts(string text, string normalised)
    {
        Assert.That(SemanticVersion.TryParse(text, out var version), Is.True);
        Assert.That(version.ToString(), Is.EqualTo(normalised));
    }

    [TestCase("")]
    [TestCase("banana")]
    [TestCase("1.2.x")]
    [TestCase("1..2")]
    [TestCase("1.2.3-")]
    public void Garbage_is_not_a_version(string text)
    {
        Assert.That(SemanticVersion.TryParse(text, out _), Is.False);
    }

    [TestCase("1.0.0-alpha", "1.0.0-alpha.1")]
    [TestCase("1.0.0-alpha.1", "1.0.0-alpha.beta")]
    [TestCase("1.0.0-alpha.beta", "1.0.0-beta")]
    [TestCase("1.0.0-beta.2", "1.0.0-beta.11")]
    [TestCase("1.0.0-rc.1", "1.0.0")]
    [TestCase("1.9.0", "1.10.0")]
    public void Precedence_follows_semver(string lower, string higher)
    {
        SemanticVersion.TryParse(lower, out var l);
        SemanticVersion.TryParse(higher, out var h);
        Assert.That(l < h, Is.True);
        Assert.That(h > l, Is.True);
    }
}
