using KeyBox.Domain.Versions;

namespace KeyBox.Domain.UnitTests.Versions;

public sealed class SemanticVersionTests
{
    private static SemanticVersion Parse(string text)
    {
        Assert.That(SemanticVersion.TryParse(text, out var version), Is.True, $"'{text}' parses");
        return version;
    }

    [TestCase("1.2.3", 1, 2, 3, "")]
    [TestCase("v1.2.3", 1, 2, 3, "")]
    [TestCase("V10.20.30", 10, 20, 30, "")]
    [TestCase(" 1.2.3 ", 1, 2, 3, "")]
    [TestCase("v2", 2, 0, 0, "")]
    [TestCase("1.4", 1, 4, 0, "")]
    [TestCase("1.2.3.0", 1, 2, 3, "")]
    [TestCase("1.0.0-alpha.1", 1, 0, 0, "alpha.1")]
    [TestCase("1.0.0-rc-1", 1, 0, 0, "rc-1")]
    [TestCase("1.0.0+build.5", 1, 0, 0, "")]
    [TestCase("1.0.0-beta+exp.sha.5114f85", 1, 0, 0, "beta")]
    public void Parses_semantic_versions_with_a_leading_v_and_missing_parts(string text, int major, int minor, int patch, string preRelease)
    {
        var version = Parse(text);

        Assert.Multiple(() =>
        {
            Assert.That(version.Major, Is.EqualTo(major));
            Assert.That(version.Minor, Is.EqualTo(minor));
            Assert.That(version.Patch, Is.EqualTo(patch));
            Assert.That(version.PreRelease, Is.EqualTo(preRelease));
        });
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("v")]
    [TestCase("abc")]
    [TestCase("1.x.0")]
    [TestCase("1..2")]
    [TestCase("1.2.3.4")]
    [TestCase("1.2.3.0.0")]
    [TestCase("-1.2.3")]
    [TestCase("1.2.3-")]
    [TestCase("1.2.3-alpha..1")]
    [TestCase("1.2.3-al_pha")]
    [TestCase("1.2.3 beta")]
    [TestCase("99999999999.0.0")]
    public void Rejects_what_is_not_a_semantic_version(string? text)
    {
        Assert.That(SemanticVersion.TryParse(text, out _), Is.False);
    }

    [Test]
    public void Formats_without_the_leading_v_and_build_metadata()
    {
        Assert.That(Parse("v1.2").ToString(), Is.EqualTo("1.2.0"));
        Assert.That(Parse("v1.2.3-beta.2+build.7").ToString(), Is.EqualTo("1.2.3-beta.2"));
    }

    [Test]
    public void Orders_numerically_not_as_text()
    {
        Assert.That(Parse("1.10.0"), Is.GreaterThan(Parse("1.9.0")));
        Assert.That(Parse("2.0.0"), Is.GreaterThan(Parse("1.99.99")));
        Assert.That(Parse("1.0.10"), Is.GreaterThan(Parse("1.0.9")));
    }

    [Test]
    public void Orders_pre_releases_by_SemVer_precedence()
    {
        // The precedence example of the SemVer 2.0 specification, item 11.
        string[] ascending =
        [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0",
        ];
        var shuffled = ascending.Reverse().Select(Parse).ToList();

        shuffled.Sort();

        Assert.That(shuffled.Select(v => v.ToString()), Is.EqualTo(ascending));
    }

    [Test]
    public void A_release_outranks_its_pre_releases_but_not_the_next_patch_pre_release()
    {
        Assert.That(Parse("1.0.0") > Parse("1.0.0-rc.9"), Is.True);
        Assert.That(Parse("1.0.1-alpha") > Parse("1.0.0"), Is.True);
        Assert.That(Parse("1.0.0-1") < Parse("1.0.0-alpha"), Is.True, "numeric identifiers rank below alphanumeric ones");
    }

    [Test]
    public void A_leading_v_and_build_metadata_do_not_change_equality()
    {
        Assert.That(Parse("v1.2.0"), Is.EqualTo(Parse("1.2.0")));
        Assert.That(Parse("1.2"), Is.EqualTo(Parse("1.2.0")));
        Assert.That(Parse("1.2.0+build.1"), Is.EqualTo(Parse("1.2.0+build.2")));
        Assert.That(Parse("v1.2.0").GetHashCode(), Is.EqualTo(Parse("1.2.0").GetHashCode()));
        Assert.That(Parse("1.2.0-beta"), Is.Not.EqualTo(Parse("1.2.0")));
        Assert.That(Parse("1.2.0") >= Parse("v1.2.0") && Parse("1.2.0") <= Parse("v1.2.0"), Is.True);
    }

    [Test]
    public void Every_version_is_greater_than_null()
    {
        Assert.That(Parse("0.0.0").CompareTo(null), Is.GreaterThan(0));
    }
}
