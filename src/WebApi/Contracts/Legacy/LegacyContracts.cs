using KeyBox.Application.Licenses.Queries.CheckLicense;
using KeyBox.Application.Versions;
using KeyBox.Application.Versions.Queries.GetLatestVersion;
using KeyBox.WebApi.Contracts.External;
using KeyBox.WebApi.Http.Binding;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Contracts.Legacy;

// Requests: LicenseBox clients send JSON objects, `[]` for an empty one, `null` for absent values, numbers for ids,
// and multipart forms (empty strings for absent values) for downloads. LenientBodyBinder reads all of these the same
// way; fields not in the body may also come from the query string.

/// <summary><c>latest_version</c>: the product's reference id.</summary>
[ModelBinder(BinderType = typeof(LenientBodyBinder))]
public sealed class LegacyProductRequest
{
    public string? ProductId { get; set; }
}

/// <summary><c>activate_license</c>. <c>verify_type</c> (<c>envato</c> / <c>non_envato</c>) is accepted and not needed.</summary>
[ModelBinder(BinderType = typeof(LenientBodyBinder))]
public sealed class LegacyActivateRequest
{
    public string? ProductId { get; set; }

    public string? LicenseCode { get; set; }

    public string? ClientName { get; set; }

    public string? VerifyType { get; set; }
}

/// <summary>
/// <c>verify_license</c> and <c>deactivate_license</c>: the stored <c>license_file</c> (the
/// <c>lic_response</c> of the activation), or <c>license_code</c> + <c>client_name</c> from the place it was activated at.
/// </summary>
[ModelBinder(BinderType = typeof(LenientBodyBinder))]
public sealed class LegacyLicenseRequest
{
    public string? ProductId { get; set; }

    public string? LicenseFile { get; set; }

    public string? LicenseCode { get; set; }

    public string? ClientName { get; set; }
}

/// <summary>
/// <c>download_update</c>: a multipart form (LicenseBox's PHP helper; JSON is read too) of <c>license_file</c>, or
/// <c>license_code</c> + <c>client_name</c>; empty values count as absent. <c>product_id</c> is optional.
/// </summary>
[ModelBinder(BinderType = typeof(LenientBodyBinder))]
public sealed class LegacyDownloadRequest
{
    [FromForm(Name = "license_file")]
    public string? LicenseFile { get; set; }

    [FromForm(Name = "license_code")]
    public string? LicenseCode { get; set; }

    [FromForm(Name = "client_name")]
    public string? ClientName { get; set; }

    [FromForm(Name = "product_id")]
    public string? ProductId { get; set; }
}

/// <summary><c>check_license</c>: a license's state by code (<c>client_name</c> is accepted and not needed).</summary>
[ModelBinder(BinderType = typeof(LenientBodyBinder))]
public sealed class LegacyCheckLicenseRequest
{
    public string? ProductId { get; set; }

    public string? LicenseCode { get; set; }

    public string? ClientName { get; set; }
}

/// <summary><c>check_update</c>: the installation's product and version (e.g. <c>v1.0.0</c>).</summary>
[ModelBinder(BinderType = typeof(LenientBodyBinder))]
public sealed class LegacyCheckUpdateRequest
{
    public string? ProductId { get; set; }

    public string? CurrentVersion { get; set; }
}

/// <summary>The failure envelope: HTTP 200 with <c>status:false</c> for business failures (401/403 for credentials and headers).</summary>
public sealed record LegacyError(bool Status, string Message, string Code);

/// <summary><c>{"status":true,"message":"..."}</c> (connection check, deactivation).</summary>
public sealed record LegacyStatusResponse(bool Status, string Message);

public sealed record LegacyActivateResponse(bool Status, string Message, object? Data, string LicResponse);

public sealed record LegacyVerifyResponse(bool Status, string Message, object? Data);

/// <summary><c>check_license</c>: <c>status</c> tells whether the license is usable; <c>code</c> says why not.</summary>
public sealed record LegacyCheckLicenseResponse(bool Status, string Message, string? Code, LicenseCheckData Data)
{
    public static LegacyCheckLicenseResponse From(LicenseCheckResult result)
    {
        var external = CheckLicenseResponse.From(result);
        return new(result.IsUsable, result.Message, result.FailureCode, external.Data);
    }
}

/// <summary>
/// <c>check_update</c> when a newer version exists. <c>update_id</c> is the version's global id, which the size and
/// download routes take without a product. When none exists the body is <c>{"status":false,"message":"..."}</c>.
/// </summary>
public sealed record LegacyUpdateResponse(
    bool Status,
    string Message,
    string Version,
    string ReleaseDate,
    string? Summary,
    string? Changelog,
    string UpdateId,
    bool HasSql)
{
    public static LegacyUpdateResponse From(string productName, UpdateDto update) => new(
        true, $"New version ({update.Version}) available for {productName}!", update.Version, WireDate.Of(update.ReleasedAt),
        update.Summary, update.Changelog, LegacyUpdateId.Of(update), update.HasSql);
}

public sealed record LegacyLatestVersionResponse(
    bool Status,
    string Message,
    string ProductName,
    string LatestVersion,
    string ReleaseDate,
    string? Summary,
    string? Changelog,
    string UpdateId,
    bool HasSql)
{
    public static LegacyLatestVersionResponse From(LatestVersionDto latest) => new(
        true, $"Latest version of {latest.ProductName} is {latest.Version.Version}", latest.ProductName, latest.Version.Version,
        WireDate.Of(latest.Version.ReleasedAt), latest.Version.Summary, latest.Version.Changelog, LegacyUpdateId.Of(latest.Version),
        latest.Version.HasSql);
}

/// <summary><c>GET get_update_size</c>: the file's size in bytes as JSON (also in <c>X-File-Size</c>); HEAD gives it as Content-Length.</summary>
public sealed record LegacyUpdateSizeResponse(bool Status, string Message, long Size);

/// <summary>The legacy <c>update_id</c>: the version's global id, unique across products.</summary>
internal static class LegacyUpdateId
{
    public static string Of(UpdateDto update) => update.Id.ToString("D");
}
