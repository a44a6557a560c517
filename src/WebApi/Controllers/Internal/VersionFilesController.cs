using KeyBox.Application.Versions.Commands.UploadVersionFile;
using KeyBox.Domain.Versions;
using KeyBox.WebApi.Contracts.Internal;
using KeyBox.WebApi.Http.Uploads;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using NSwag.Annotations;

namespace KeyBox.WebApi.Controllers.Internal;

[Route("api/internal/products/{reference_id}/versions/{version_id}/files")]
[Tags("Internal: versions")]
public sealed class VersionFilesController(IMediator mediator) : InternalApiController(mediator)
{
    /// <summary>
    /// Uploads (or replaces) a version's main (zip) or sql file. Send the bytes as the raw body (any content type;
    /// name it with <c>?file_name=</c> or a Content-Disposition header) or as multipart/form-data (the first file part,
    /// e.g. field <c>file</c>). The file is streamed to storage and hashed on the way; larger than
    /// <c>Storage:MaxUploadBytes</c> (512 MiB by default) answers 413. A replaced file stops being served at once.
    /// </summary>
    [HttpPut("{type:regex(^(main|sql)$)}", Name = "Internal_UploadVersionFile")]
    [StreamedUpload]
    [OpenApiBodyParameter("application/octet-stream", "application/zip", "application/sql", "multipart/form-data")]
    [ProducesResponseType<InternalEnvelope<VersionResource>>(StatusCodes.Status200OK)]
    [ProducesResponseType<InternalError>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<InternalError>(StatusCodes.Status413PayloadTooLarge)]
    public async Task<InternalEnvelope<VersionResource>> Upload(
        [FromRoute(Name = "reference_id")] string referenceId,
        [FromRoute(Name = "version_id")] string versionId,
        [FromRoute(Name = "type")] string type,
        CancellationToken cancellationToken)
    {
        var body = await UploadBody.OpenAsync(Request, cancellationToken);
        var kind = type.Equals("sql", StringComparison.OrdinalIgnoreCase) ? VersionFileKind.Sql : VersionFileKind.Main;
        var version = await Mediator.Send(new UploadVersionFileCommand(referenceId, versionId, kind, body.FileName, body.Content), cancellationToken);
        return Envelope(VersionResource.From(version), "File uploaded successfully.");
    }
}
