using System.Text;
using KeyBox.Domain.Versions;

namespace KeyBox.Application.Versions;

/// <summary>What the two kinds of version file are: their media type and the name they get when the uploader gives none.</summary>
public static class VersionFiles
{
    public const string ZipContentType = "application/zip";
    public const string SqlContentType = "application/sql";
    private const int FileNameMaxLength = 255;

    public static string ContentTypeOf(VersionFileKind kind) => kind == VersionFileKind.Main ? ZipContentType : SqlContentType;

    public static string DefaultFileName(string versionId, VersionFileKind kind) =>
        versionId + (kind == VersionFileKind.Main ? ".zip" : ".sql");

    /// <summary>A safe download name from whatever the uploader sent: no directories, no control characters or quotes.</summary>
    public static string FileNameFor(string? requested, string versionId, VersionFileKind kind)
    {
        var name = requested ?? string.Empty;
        var lastSeparator = name.LastIndexOfAny(['/', '\\']);
        if (lastSeparator >= 0)
        {
            name = name[(lastSeparator + 1)..];
        }

        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (!char.IsControl(c) && c is not '"' and not ';')
            {
                builder.Append(c);
            }
        }

        name = builder.ToString().Trim().Trim('.');
        if (name.Length == 0)
        {
            return DefaultFileName(versionId, kind);
        }

        return name.Length <= FileNameMaxLength ? name : name[^FileNameMaxLength..];
    }
}
