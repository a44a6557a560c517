using KeyBox.Domain.Common;
using KeyBox.Domain.Versions;

namespace KeyBox.Domain.UnitTests.Versions;

public sealed class ProductVersionTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid ProductId = Guid.NewGuid();

    private static VersionDetails Details(string version) => new(version, "Summary", "<p>Changes</p>", Now.AddDays(-1), true);

    [TestCase("1.2.0")]
    [TestCase("v1.2.0")]
    [TestCase("2.0.0-rc.1")]
    [TestCase("3")]
    public void Accepts_semantic_versions_and_keeps_them_as_entered(string version)
    {
        var created = ProductVersion.Create(ProductId, "v-id", Details(version), Now);

        Assert.That(created.Version, Is.EqualTo(version));
        Assert.That(created.SemanticVersion, Is.EqualTo(SemanticVersion.TryParse(version, out var parsed) ? parsed : null));
    }

    [TestCase("latest")]
    [TestCase("1.2.x")]
    [TestCase("1.2.3.4")]
    [TestCase("1.0-")]
    [TestCase("")]
    public void Rejects_non_semantic_versions(string version)
    {
        var ex = Assert.Throws<DomainException>(() => ProductVersion.Create(ProductId, "v-id", Details(version), Now));

        Assert.That(ex!.Code, Is.EqualTo(ErrorCodes.ValidationFailed));
        Assert.That(ex.Field, Is.EqualTo("Version"));
    }

    [Test]
    public void Update_refuses_a_non_semantic_version_and_keeps_the_old_one()
    {
        var version = ProductVersion.Create(ProductId, "v1", Details("1.0.0"), Now);

        Assert.Throws<DomainException>(() => version.Update(Details("one"), Now.AddMinutes(1)));

        Assert.That(version.Version, Is.EqualTo("1.0.0"));
        Assert.That(version.UpdatedAt, Is.EqualTo(Now));
    }

    [Test]
    public void Create_keeps_the_details()
    {
        var version = ProductVersion.Create(ProductId, " v1.2.0 ", Details("1.2.0"), Now);

        Assert.Multiple(() =>
        {
            Assert.That(version.ProductId, Is.EqualTo(ProductId));
            Assert.That(version.VersionId, Is.EqualTo("v1.2.0"));
            Assert.That(version.Summary, Is.EqualTo("Summary"));
            Assert.That(version.Changelog, Is.EqualTo("<p>Changes</p>"));
            Assert.That(version.ReleasedAt, Is.EqualTo(Now.AddDays(-1)));
            Assert.That(version.IsActive, Is.True);
            Assert.That(version.MainFile, Is.Null);
            Assert.That(version.HasSql, Is.False);
        });
    }

    [TestCase("v 1")]
    [TestCase("v1/2")]
    [TestCase("")]
    public void Version_ids_with_other_characters_or_empty_are_refused(string versionId)
    {
        var ex = Assert.Throws<DomainException>(() => ProductVersion.Create(ProductId, versionId, Details("1.0.0"), Now));

        Assert.That(ex!.Field, Is.EqualTo("VersionId"));
    }

    [Test]
    public void Attaching_a_file_returns_the_one_it_replaces()
    {
        var version = ProductVersion.Create(ProductId, "v1", Details("1.0.0"), Now);
        var first = new VersionFile("k1", "a.zip", "application/zip", 10, "aa", Now);
        var second = new VersionFile("k2", "b.zip", "application/zip", 20, "bb", Now);

        Assert.That(version.AttachFile(VersionFileKind.Main, first, Now), Is.Null);
        Assert.That(version.AttachFile(VersionFileKind.Main, second, Now), Is.EqualTo(first));
        Assert.That(version.FileOf(VersionFileKind.Main), Is.EqualTo(second));
        Assert.That(version.HasSql, Is.False);

        version.AttachFile(VersionFileKind.Sql, first, Now);
        Assert.That(version.HasSql, Is.True);
    }
}
