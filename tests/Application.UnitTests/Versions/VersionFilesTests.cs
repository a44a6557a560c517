using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Versions;
using KeyBox.Application.Versions.Queries.DownloadUpdate;
using KeyBox.Domain.Common;
using KeyBox.Domain.Products;
using KeyBox.Domain.Versions;

namespace KeyBox.Application.UnitTests.Versions;

public sealed class VersionFilesTests
{
    [TestCase("release.zip", "release.zip")]
    [TestCase("C:\\builds\\release.zip", "release.zip")]
    [TestCase("../../etc/passwd", "passwd")]
    [TestCase("we\"ird;name\r\n.zip", "weirdname.zip")]
    [TestCase("  ", "v1.2.0.zip")]
    [TestCase(null, "v1.2.0.zip")]
    [TestCase("..", "v1.2.0.zip")]
    public void Uploaded_file_names_are_made_safe_for_content_disposition(string? requested, string expected)
    {
        Assert.That(VersionFiles.FileNameFor(requested, "v1.2.0", VersionFileKind.Main), Is.EqualTo(expected));
    }

    [Test]
    public void Sql_files_default_to_a_sql_name_and_type()
    {
        Assert.That(VersionFiles.FileNameFor(null, "v1.2.0", VersionFileKind.Sql), Is.EqualTo("v1.2.0.sql"));
        Assert.That(VersionFiles.ContentTypeOf(VersionFileKind.Sql), Is.EqualTo("application/sql"));
        Assert.That(VersionFiles.ContentTypeOf(VersionFileKind.Main), Is.EqualTo("application/zip"));
    }
}

public sealed class LicenseFreeProductsOnlyEntitlementTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DownloadEntitlementRequest RequestFor(bool licenseUpdate, string? licenseData)
    {
        var product = Product.Create(Guid.NewGuid(), "P", "Product", new ProductDetails(LicenseUpdate: licenseUpdate), Now);
        var version = ProductVersion.Create(product.Id, "v1", new VersionDetails("1.0.0", null, null, Now, true), Now);
        return new DownloadEntitlementRequest(product, version, VersionFileKind.Main, licenseData, "203.0.113.1");
    }

    [Test]
    public async Task Products_without_license_updates_are_free_to_download()
    {
        var grant = await new LicenseFreeProductsOnlyEntitlement().AuthorizeAsync(RequestFor(false, null), CancellationToken.None);
        Assert.That(grant, Is.EqualTo(DownloadGrant.WithoutLicense));
    }

    [TestCase(null)]
    [TestCase("some-token")]
    public void Products_requiring_a_license_are_refused_until_license_data_can_be_verified(string? licenseData)
    {
        var refused = Assert.ThrowsAsync<DomainException>(async () =>
            await new LicenseFreeProductsOnlyEntitlement().AuthorizeAsync(RequestFor(true, licenseData), CancellationToken.None));
        Assert.That(refused!.Code, Is.EqualTo(ErrorCodes.LicenseDataInvalid));
    }
}
