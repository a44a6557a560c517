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
