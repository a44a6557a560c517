using System.Globalization;
using System.Text.Json.Serialization;
using KeyBox.Application.Versions;
using KeyBox.WebApi.Http.Binding;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Contracts.External;

public sealed record UpdateCheckRequest(string? ProductId, string? CurrentVersion);

public sealed record LatestVersionRequest(string? ProductId);

/// <summary>
/// A download's parameters, from a JSON body, a form, or the query string (or nothing). <c>license_file</c> is
/// the LicenseBox name of <c>license_data</c>.
/// </summary>
[ModelBinder(BinderType = typeof(LenientBodyBinder))]
public sealed class UpdateDownloadRequest
{
    public string? ProductId { get; set; }

    public string? LicenseData { get; set; }

    public string? LicenseFile { get; set; }
}

/// <summary>
/// <c>update/check</c> when an update exists. When none does the body is only
/// <c>{"is_active":true,"message":"You are using the latest version.","update_available":false,"version":null}</c>.
/// </summary>
public sealed record UpdateAvailableResponse(
    bool IsActive,
    string Message,
    bool UpdateAvailable,
    string Version,
    string ReleasedAt,
    string? Summary,
    string? Changelog,
    string UpdateId,
    bool HasSql,
    UpdateFiles Files)
{
    public static UpdateAvailableResponse From(UpdateDto update) => new(
        true, "A new update is available.", true, update.Version, WireDate.Of(update.ReleasedAt), update.Summary, update.Changelog, update.UpdateId, update.HasSql,
        UpdateFiles.Of(update));
}

/// <summary>
/// The version's files as a client verifies a download: <c>{"main":{"size","sha256"}|null,"sql":{...}|null}</c> —
/// the same size and SHA-256 (hex) as the download's <c>Content-Length</c> and checksum header. The answer carrying it is
/// signed (<c>KeyBox-Signature</c>), so a client can check a download end to end.
/// </summary>
public sealed record UpdateFiles(UpdateFileDigest? Main, UpdateFileDigest? Sql)
{
    public static UpdateFiles Of(UpdateDto update) => new(update.MainFile, update.SqlFile);
}

/// <summary>
/// The body of <c>update/check</c> as documented (the server writes <see cref="UpdateAvailableResponse"/> or
/// <see cref="NoUpdateResponse"/>): <c>is_active</c>, <c>message</c>, <c>update_available</c> and <c>version</c> (null when
/// there is no update) always; the release fields only when <c>update_available</c> is true.
/// </summary>
public sealed record UpdateCheckResponse(
    bool IsActive,
    string Message,
    bool UpdateAvailable,
    string? Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReleasedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Summary,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Changelog,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UpdateId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? HasSql,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UpdateFiles? Files);

public sealed record NoUpdateResponse(bool IsActive, string Message, bool UpdateAvailable, string? Version)
{
    public static NoUpdateResponse Instance { get; } = new(true, "You are using the latest version.", false, null);
}

public sealed record UpdateInfo(string Version, string ReleasedAt, string? Summary, string? Changelog, string UpdateId, bool HasSql, UpdateFiles Files)
{
    public static UpdateInfo From(UpdateDto update) =>
        new(update.Version, WireDate.Of(update.ReleasedAt), update.Summary, update.Changelog, update.UpdateId, update.HasSql, UpdateFiles.Of(update));
}

public sealed record LatestVersionResponse(bool IsActive, string Message, UpdateInfo Data);

/// <summary><c>GET .../size</c>: the file's size in bytes (also in the <c>X-File-Size</c> header), its type and SHA-256.</summary>
public sealed record UpdateFileSizeResponse(bool IsActive, string Message, long Size, string ContentType, string Sha256);

/// <summary>Release dates travel as <c>yyyy-MM-dd</c> (UTC), as in the License Manager reference.</summary>
internal static class WireDate
{
    public static string Of(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
