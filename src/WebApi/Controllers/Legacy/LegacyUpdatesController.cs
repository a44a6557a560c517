using KeyBox.Application.Versions.Queries.CheckForUpdate;
using KeyBox.Application.Versions.Queries.DownloadUpdate;
using KeyBox.Application.Versions.Queries.GetLatestVersion;
using KeyBox.Application.Versions.Queries.GetUpdateFileInfo;
using KeyBox.WebApi.Contracts.Legacy;
using KeyBox.WebApi.Http.Downloads;
using KeyBox.WebApi.Http.Errors;
using KeyBox.WebApi.Http.Security;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.Legacy;

/// <summary>
/// LicenseBox update routes. <c>update_id</c> is the version's global id (unique across products), so the size and
/// download routes need no product; a <c>version_id</c> is accepted too when only one product has it (or with
/// <c>product_id</c>).
/// </summary>
[Tags("LicenseBox legacy: updates")]
public sealed class LegacyUpdatesController(IMediator mediator) : LegacyApiController(mediator)
{
    /// <summary>The newest active version of a product.</summary>
    [HttpPost("latest_version", Name = "Legacy_LatestVersion")]
    [ProducesResponseType<LegacyLatestVersionResponse>(StatusCodes.Status200OK)]
    public async Task<LegacyLatestVersionResponse> Latest([FromBody] LegacyProductRequest request, CancellationToken cancellationToken) =>
        LegacyLatestVersionResponse.From(await Mediator.Send(new GetLatestVersionQuery(request.ProductId ?? string.Empty), cancellationToken));

    /// <summary>
    /// The next version after <c>current_version</c> (the newest one when the product serves latest updates), with
    /// <c>"status":true</c>; <c>{"status":false,"message":"..."}</c> when the installation is up to date.
    /// </summary>
    [HttpPost("check_update", Name = "Legacy_CheckUpdate")]
    [ProducesResponseType<LegacyUpdateResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Check([FromBody] LegacyCheckUpdateRequest request, CancellationToken cancellationToken)
    {
        var check = await Mediator.Send(new CheckForUpdateQuery(request.ProductId ?? string.Empty, request.CurrentVersion ?? string.Empty), cancellationToken);
        return check.Update is { } update
            ? Ok(LegacyUpdateResponse.From(check.ProductName, update))
            : Ok(new LegacyStatusResponse(false, $"You are using the latest version of {check.ProductName}."));
    }

    /// <summary>The file's size as its Content-Length (and its Content-Type), without a body; 404 when there is no such file.</summary>
    [HttpHead("get_update_size/" + UpdateDownloads.TypeConstraint + "/{update_id}", Name = "Legacy_HeadUpdateSize")]
    [LegacyFailureStatus(StatusCodes.Status404NotFound)]
    [ProducesResponseType(typeof(void), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(void), StatusCodes.Status404NotFound)]
    public async Task<IActionResult> SizeHead(
        [FromRoute(Name = "type")] string type,
        [FromRoute(Name = "update_id")] string updateId,
        [FromQuery(Name = "product_id")] string? productId,
        CancellationToken cancellationToken)
    {
        var file = await Mediator.Send(new GetUpdateFileInfoQuery(updateId, UpdateDownloads.KindOf(type), productId), cancellationToken);
        return UpdateDownloads.Head(Response, file);
    }

    /// <summary>
    /// The file's size in bytes as JSON <c>size</c> (also in X-File-Size). A GET has a body, so its Content-Length is
    /// the JSON's: ask with HEAD, as LicenseBox clients do, for the file's own Content-Length.
    /// </summary>
    [HttpGet("get_update_size/" + UpdateDownloads.TypeConstraint + "/{update_id}", Name = "Legacy_GetUpdateSize")]
    [ProducesResponseType<LegacyUpdateSizeResponse>(StatusCodes.Status200OK)]
    public async Task<LegacyUpdateSizeResponse> Size(
        [FromRoute(Name = "type")] string type,
        [FromRoute(Name = "update_id")] string updateId,
        [FromQuery(Name = "product_id")] string? productId,
        CancellationToken cancellationToken)
    {
        var file = await Mediator.Send(new GetUpdateFileInfoQuery(updateId, UpdateDownloads.KindOf(type), productId), cancellationToken);
        UpdateDownloads.AddSizeHeaders(Response, file);
        return new LegacyUpdateSizeResponse(true, "File size retrieved.", file.Size);
    }

    /// <summary>
    /// Downloads a version's file (<c>main</c> = zip, <c>sql</c>). Body: a multipart (or urlencoded, or JSON) form with
    /// <c>license_file</c>, or <c>license_code</c> + <c>client_name</c> from the activated place; empty values count as
    /// absent; no <c>product_id</c> needed. 200 with the file; <b>401</b> when the license does not entitle the caller
    /// (invalid, blocked, expired, update period over: LicenseBox clients then report that the update period has
    /// ended); 404 when the version or file does not exist.
    /// </summary>
    [HttpPost("download_update/" + UpdateDownloads.TypeConstraint + "/{update_id}", Name = "Legacy_DownloadUpdate")]
    [LegacyFailureStatus(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(typeof(FileResult), StatusCodes.Status200OK, "application/zip", "application/sql")]
    [ProducesResponseType<LegacyError>(StatusCodes.Status401Unauthorized, "application/json")]
    [ProducesResponseType<LegacyError>(StatusCodes.Status404NotFound, "application/json")]
    public async Task<IActionResult> Download(
        [FromRoute(Name = "type")] string type,
        [FromRoute(Name = "update_id")] string updateId,
        [FromForm] LegacyDownloadRequest request,
        CancellationToken cancellationToken)
    {
        var place = ClientPlace.Of(HttpContext, clientName: request.ClientName);
        var download = await Mediator.Send(
            new DownloadUpdateQuery(updateId, UpdateDownloads.KindOf(type), request.ProductId, request.LicenseFile, place.Ip, UpdateDownloads.IsResumption(Request))
            {
                LicenseCode = request.LicenseCode,
                Place = place,
            },
            cancellationToken);
        return UpdateDownloads.File(Response, download, digest: false);
    }
}
