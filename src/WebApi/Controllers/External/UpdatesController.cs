using KeyBox.Application.Versions.Queries.CheckForUpdate;
using KeyBox.Application.Versions.Queries.DownloadUpdate;
using KeyBox.Application.Versions.Queries.GetLatestVersion;
using KeyBox.Application.Versions.Queries.GetUpdateFileInfo;
using KeyBox.WebApi.Contracts.External;
using KeyBox.WebApi.Http.Downloads;
using KeyBox.WebApi.Http.Security;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace KeyBox.WebApi.Controllers.External;

/// <summary>
/// Update distribution for client installations. <c>{version}</c> is the version's <c>version_id</c> (= <c>update_id</c>);
/// the product comes from <c>product_id</c> (body or query string), else from the activation the license data
/// belongs to, else from the only product that has that version (404 <c>AMBIGUOUS_VERSION</c> when several do).
/// </summary>
[Route("api/external/update")]
[Tags("External: updates")]
public sealed class UpdatesController(IMediator mediator) : ExternalApiController(mediator)
{
    /// <summary>
    /// Is there an update for <c>current_version</c>? The newest active version above it when the product serves
    /// latest updates, otherwise the next one. Versions compare semantically (a leading v and missing parts are fine).
    /// </summary>
    [HttpPost("check", Name = "External_CheckForUpdate")]
    [ProducesResponseType<UpdateCheckResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ExternalError>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ExternalError>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Check(UpdateCheckRequest request, CancellationToken cancellationToken)
    {
        var check = await Mediator.Send(new CheckForUpdateQuery(request.ProductId ?? string.Empty, request.CurrentVersion ?? string.Empty), cancellationToken);
        return check.Update is { } update ? Ok(UpdateAvailableResponse.From(update)) : Ok(NoUpdateResponse.Instance);
    }

    /// <summary>The newest active version of a product; 404 VERSION_NOT_FOUND when it has none.</summary>
    [HttpPost("latest", Name = "External_GetLatestVersion")]
    [ProducesResponseType<LatestVersionResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ExternalError>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ExternalError>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<LatestVersionResponse> Latest(LatestVersionRequest request, CancellationToken cancellationToken)
    {
        var latest = await Mediator.Send(new GetLatestVersionQuery(request.ProductId ?? string.Empty), cancellationToken);
        return new LatestVersionResponse(true, $"Latest version of {latest.ProductName} is {latest.Version.Version}.", UpdateInfo.From(latest.Version));
    }

    /// <summary>
    /// Downloads a version's file (<c>main</c> = zip, <c>sql</c>). Body (JSON, form or none; fields may also be in the
    /// query string): <c>product_id</c>, <c>license_data</c>. The file is streamed with Content-Length,
    /// Content-Disposition: attachment, its SHA-256 in X-Checksum-SHA256 (hex) and Digest (base64), an ETag, and
    /// Range support (206 with Content-Range) for resuming. Refusals use the JSON envelope. The place is checked as on
    /// verify: a <c>license_data</c> of an activation made at a domain is refused without that domain's X-API-URL.
    /// </summary>
    [HttpPost("{version}/download/" + UpdateDownloads.TypeConstraint, Name = "External_DownloadUpdate")]
    [ProducesResponseType(typeof(FileResult), StatusCodes.Status200OK, "application/zip", "application/sql")]
    [ProducesResponseType(typeof(FileResult), StatusCodes.Status206PartialContent, "application/zip", "application/sql")]
    [ProducesResponseType<ExternalError>(StatusCodes.Status404NotFound, "application/json")]
    public async Task<IActionResult> Download(
        [FromRoute(Name = "version")] string version,
        [FromRoute(Name = "type")] string type,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] UpdateDownloadRequest request,
        CancellationToken cancellationToken)
    {
        var place = ClientPlace.Of(HttpContext);
        var download = await Mediator.Send(
            new DownloadUpdateQuery(
                version,
                UpdateDownloads.KindOf(type),
                request.ProductId,
                request.LicenseData ?? request.LicenseFile,
                place.Ip,
                UpdateDownloads.IsResumption(Request))
            {
                Place = place,
            },
            cancellationToken);
        return UpdateDownloads.File(Response, download, digest: true);
    }

    /// <summary>The file's Content-Length and Content-Type, without a body (and X-Checksum-SHA256). No license needed.</summary>
    [HttpHead("{version}/download/" + UpdateDownloads.TypeConstraint + "/size", Name = "External_HeadUpdateSize")]
    [ProducesResponseType(typeof(void), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(void), StatusCodes.Status404NotFound)]
    public async Task<IActionResult> SizeHead(
        [FromRoute(Name = "version")] string version,
        [FromRoute(Name = "type")] string type,
        [FromQuery(Name = "product_id")] string? productId,
        CancellationToken cancellationToken)
    {
        var file = await Mediator.Send(new GetUpdateFileInfoQuery(version, UpdateDownloads.KindOf(type), productId), cancellationToken);
        return UpdateDownloads.Head(Response, file);
    }

    /// <summary>
    /// The file's size as JSON (<c>size</c>, also in the X-File-Size header), with its content type and SHA-256.
    /// A GET must have a body, so its Content-Length is the JSON's; ask with HEAD for the file's own Content-Length.
    /// </summary>
    [HttpGet("{version}/download/" + UpdateDownloads.TypeConstraint + "/size", Name = "External_GetUpdateSize")]
    [ProducesResponseType<UpdateFileSizeResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ExternalError>(StatusCodes.Status404NotFound)]
    public async Task<UpdateFileSizeResponse> Size(
        [FromRoute(Name = "version")] string version,
        [FromRoute(Name = "type")] string type,
        [FromQuery(Name = "product_id")] string? productId,
        CancellationToken cancellationToken)
    {
        var file = await Mediator.Send(new GetUpdateFileInfoQuery(version, UpdateDownloads.KindOf(type), productId), cancellationToken);
        UpdateDownloads.AddSizeHeaders(Response, file);
        return new UpdateFileSizeResponse(true, "File size retrieved.", file.Size, file.ContentType, file.Sha256);
    }
}
