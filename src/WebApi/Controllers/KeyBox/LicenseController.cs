using KeyBox.Application.Licenses.Commands.CreateDurationLicense;
using KeyBox.Application.Licenses.Commands.SetLicenseBlocked;
using KeyBox.Application.Licenses.Queries.GetLicense;
using KeyBox.Application.Licenses.Queries.ListAllLicenses;
using KeyBox.WebApi.Contracts.KeyBox;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using NSwag.Annotations;

namespace KeyBox.WebApi.Controllers.KeyBox;

/// <summary>Licenses. A developer sees only their own; an admin sees all. Another owner's license is 404.</summary>
[Route("license")]
[Tags("KeyBox: licenses")]
[ProducesResponseType<KeyBoxError>(StatusCodes.Status404NotFound)]
[ProducesResponseType<KeyBoxError>(StatusCodes.Status400BadRequest)]
[ProducesResponseType<KeyBoxError>(StatusCodes.Status401Unauthorized)]
public sealed class LicenseController(IMediator mediator) : KeyBoxApiController(mediator)
{
    [OpenApiOperation("Issues a license for a project to a client of the same account", "Issues a license for a project to a client of the same account: one seat, duration months (1–12) counted from the first activation (status pending and expiresAt null until then), optional services.")]
    [HttpPost("create", Name = "KeyBox_CreateLicense")]
    [ProducesResponseType<KeyBoxEnvelope<LicenseResource>>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Create(CreateLicenseRequest request, CancellationToken cancellationToken) =>
        CreatedEnvelope(LicenseResource.From(await Mediator.Send(
            new CreateDurationLicenseCommand(request.ClientId, request.ProjectId, request.Duration, request.Services), cancellationToken)), "License created successfully.");

    [OpenApiOperation("The caller's licenses, oldest first (an admin's", "The caller's licenses, oldest first (an admin's: everyone's); clientId and projectId filter. At most Lists:MaxItems (default 1,000) per call; meta.hasMore and a Link rel=\"next\" header say when more exist (follow meta.nextCursor as cursor).")]
    [HttpGet(Name = "KeyBox_ListLicenses")]
    [ProducesResponseType<KeyBoxList<LicenseResource>>(StatusCodes.Status200OK)]
    public async Task<KeyBoxList<LicenseResource>> List([FromQuery] Guid? clientId, [FromQuery] Guid? projectId, [FromQuery] KeyBoxPagingQuery paging, CancellationToken cancellationToken) =>
        ListOf(await Mediator.Send(new ListAllLicensesQuery(PageRequestOf(paging), clientId, projectId), cancellationToken), LicenseResource.From, "Licenses retrieved successfully.");

    [HttpGet("{key}", Name = "KeyBox_GetLicense")]
    [ProducesResponseType<KeyBoxEnvelope<LicenseResource>>(StatusCodes.Status200OK)]
    public async Task<KeyBoxEnvelope<LicenseResource>> Get(string key, CancellationToken cancellationToken) =>
        Envelope(LicenseResource.From(await Mediator.Send(new GetLicenseQuery(null, key), cancellationToken)), "License retrieved successfully.");

    [OpenApiOperation("Toggles revocation", "Toggles revocation: a license that is not revoked becomes revoked (it stops validating everywhere); a revoked one is restored to the status it would have (active, or pending / expired).")]
    [HttpPatch("revoke/{key}", Name = "KeyBox_ToggleLicenseRevoked")]
    [ProducesResponseType<KeyBoxEnvelope<LicenseResource>>(StatusCodes.Status200OK)]
    public async Task<KeyBoxEnvelope<LicenseResource>> ToggleRevoked(string key, CancellationToken cancellationToken)
    {
        var license = LicenseResource.From(await Mediator.Send(new SetLicenseBlockedCommand(null, key, null), cancellationToken));
        return Envelope(license, license.Status == KeyBoxStatus.Revoked ? "License revoked successfully." : "License restored successfully.");
    }
}
