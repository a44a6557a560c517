using KeyBox.Application.Versions.Commands.CreateVersion;
using KeyBox.Application.Versions.Commands.UpdateVersion;
using KeyBox.Application.Versions.Queries.GetVersion;
using KeyBox.Application.Versions.Queries.ListVersions;
using KeyBox.WebApi.Contracts.Internal;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.Internal;

[Route("api/internal/products/{reference_id}/versions")]
[Tags("Internal: versions")]
public sealed class VersionsController(IMediator mediator) : InternalApiController(mediator)
{
    /// <summary>Lists a product's versions, newest semantic version first.</summary>
    [HttpGet(Name = "Internal_ListVersions")]
    [ProducesResponseType<InternalEnvelope<IReadOnlyList<VersionResource>>>(StatusCodes.Status200OK)]
    [ProducesResponseType<InternalError>(StatusCodes.Status404NotFound)]
    public async Task<InternalEnvelope<IReadOnlyList<VersionResource>>> List([FromRoute(Name = "reference_id")] string referenceId, CancellationToken cancellationToken)
    {
        var versions = await Mediator.Send(new ListVersionsQuery(referenceId), cancellationToken);
        return Envelope<IReadOnlyList<VersionResource>>(versions.Select(VersionResource.From).ToList(), "Versions retrieved successfully.");
    }

    /// <summary>Creates a version; version_id is unique per product.</summary>
    [HttpPost(Name = "Internal_CreateVersion")]
    [ProducesResponseType<InternalEnvelope<VersionResource>>(StatusCodes.Status201Created)]
    [ProducesResponseType<InternalError>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<InternalError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Create([FromRoute(Name = "reference_id")] string referenceId, CreateVersionRequest request, CancellationToken cancellationToken)
    {
        var version = await Mediator.Send(new CreateVersionCommand(
            referenceId,
            request.VersionId ?? string.Empty,
            request.Version ?? string.Empty,
            request.Summary,
            request.Changelog,
            request.ReleasedAt,
            request.IsActive ?? true), cancellationToken);
        return CreatedEnvelope(VersionResource.From(version), "Version created successfully.");
    }

    [HttpGet("{version_id}", Name = "Internal_GetVersion")]
    [ProducesResponseType<InternalEnvelope<VersionResource>>(StatusCodes.Status200OK)]
    [ProducesResponseType<InternalError>(StatusCodes.Status404NotFound)]
    public async Task<InternalEnvelope<VersionResource>> Get([FromRoute(Name = "reference_id")] string referenceId, [FromRoute(Name = "version_id")] string versionId, CancellationToken cancellationToken) =>
        Envelope(VersionResource.From(await Mediator.Send(new GetVersionQuery(referenceId, versionId), cancellationToken)), "Version retrieved successfully.");

    /// <summary>Updates a version (POST, as in the License Manager reference); omitted fields keep their values.</summary>
    [HttpPost("{version_id}", Name = "Internal_UpdateVersion")]
    [ProducesResponseType<InternalEnvelope<VersionResource>>(StatusCodes.Status200OK)]
    [ProducesResponseType<InternalError>(StatusCodes.Status404NotFound)]
    public async Task<InternalEnvelope<VersionResource>> Update([FromRoute(Name = "reference_id")] string referenceId, [FromRoute(Name = "version_id")] string versionId, UpdateVersionRequest request, CancellationToken cancellationToken)
    {
        var version = await Mediator.Send(new UpdateVersionCommand(
            referenceId, versionId, request.Version, request.Summary, request.Changelog, request.ReleasedAt, request.IsActive), cancellationToken);
        return Envelope(VersionResource.From(version), "Version updated successfully.");
    }
}
