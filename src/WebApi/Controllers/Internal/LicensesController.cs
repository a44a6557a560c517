using KeyBox.Application.Licenses.Commands.ActivateForCustomer;
using KeyBox.Application.Licenses.Commands.CreateLicense;
using KeyBox.Application.Licenses.Commands.DeactivateActivation;
using KeyBox.Application.Licenses.Commands.ReactivateActivation;
using KeyBox.Application.Licenses.Commands.SetLicenseBlocked;
using KeyBox.Application.Licenses.Commands.UpdateLicense;
using KeyBox.Application.Licenses.Queries.GetLicense;
using KeyBox.Application.Licenses.Queries.ListActivations;
using KeyBox.Application.Licenses.Queries.ListLicenses;
using KeyBox.WebApi.Contracts.Internal;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.Internal;

[Route("api/internal")]
[Tags("Internal: licenses")]
[ProducesResponseType<InternalError>(StatusCodes.Status404NotFound)]
public sealed class LicensesController(IMediator mediator) : InternalApiController(mediator)
{
    /// <summary>Lists licenses (keyset paging); search matches the start of a code or email, or a customer reference; status keeps one status.</summary>
    [HttpGet("product-licenses", Name = "Internal_ListLicenses")]
    [ProducesResponseType<InternalPage<LicenseResource>>(StatusCodes.Status200OK)]
    public async Task<InternalPage<LicenseResource>> List([FromQuery] PagingQuery paging, [FromQuery] LicenseListQuery filter, CancellationToken cancellationToken)
    {
        var page = await Mediator.Send(new ListLicensesQuery(PageRequestOf(paging), filter.Search, filter.ProductReferenceId, filter.CustomerId, Status: filter.ParsedStatus()), cancellationToken);
        return PageOf(page, LicenseResource.From, "Licenses retrieved successfully.");
    }

    /// <summary>Issues a license; without license_code one is generated. customer_id links or creates a customer.</summary>
    [HttpPost("product-licenses", Name = "Internal_CreateLicense")]
    [ProducesResponseType<InternalEnvelope<LicenseResource>>(StatusCodes.Status201Created)]
    [ProducesResponseType<InternalError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Create(CreateLicenseRequest request, CancellationToken cancellationToken)
    {
        var license = await Mediator.Send(new CreateLicenseCommand(
            request.ProductReferenceId ?? string.Empty, request.LicenseCode, request.Type, request.CustomerId, request.Email, request.ParallelUses,
            request.ExpiresAt, request.DurationMonths, request.UpdatesUntil, request.Domains, request.Ips, request.Services, request.IsValid, request.IsEnvato), cancellationToken);
        return CreatedEnvelope(LicenseResource.From(license), "License created successfully.");
    }

    [HttpGet("product-licenses/{id:guid}", Name = "Internal_GetLicense")]
    [ProducesResponseType<InternalEnvelope<LicenseResource>>(StatusCodes.Status200OK)]
    public async Task<InternalEnvelope<LicenseResource>> Get(Guid id, CancellationToken cancellationToken) =>
        Envelope(LicenseResource.From(await Mediator.Send(new GetLicenseQuery(id), cancellationToken)), "License retrieved successfully.");

    /// <summary>Updates a license; omitted fields keep their values, expires_at/updates_until sent as null clear them.</summary>
    [HttpPut("product-licenses/{id:guid}", Name = "Internal_UpdateLicense")]
    [ProducesResponseType<InternalEnvelope<LicenseResource>>(StatusCodes.Status200OK)]
    public async Task<InternalEnvelope<LicenseResource>> Update(Guid id, UpdateLicenseRequest request, CancellationToken cancellationToken)
    {
        var license = await Mediator.Send(new UpdateLicenseCommand(
            id, request.Type, request.CustomerId, request.Email, request.ParallelUses,
            request.ExpiresAt, request.ExpiresAtSent && request.ExpiresAt is null, request.DurationMonths,
            request.UpdatesUntil, request.UpdatesUntilSent && request.UpdatesUntil is null,
            request.Domains, request.Ips, request.Services, request.IsValid, request.IsEnvato), cancellationToken);
        return Envelope(LicenseResource.From(license), "License updated successfully.");
    }

    /// <summary>A license's activations, active first.</summary>
    [HttpGet("product-licenses/{id:guid}/activations", Name = "Internal_ListLicenseActivations")]
    [ProducesResponseType<InternalEnvelope<IReadOnlyList<ActivationResource>>>(StatusCodes.Status200OK)]
    public async Task<InternalEnvelope<IReadOnlyList<ActivationResource>>> Activations(Guid id, CancellationToken cancellationToken)
    {
        var activations = await Mediator.Send(new ListActivationsQuery(id), cancellationToken);
        return Envelope<IReadOnlyList<ActivationResource>>(activations.Select(ActivationResource.From).ToList(), "Activations retrieved successfully.");
    }

    /// <summary>
    /// Activates a license for a customer (an admin-made activation at the place given): takes a seat under the same
    /// rules as a client's activation; the same place again refreshes its seat.
    /// </summary>
    [HttpPost("product-licenses/{id:guid}/activations", Name = "Internal_ActivateLicenseForCustomer")]
    [ProducesResponseType<InternalEnvelope<ActivationResource>>(StatusCodes.Status201Created)]
    public async Task<IActionResult> ActivateForCustomer(Guid id, ActivateForCustomerRequest request, CancellationToken cancellationToken)
    {
        var activation = await Mediator.Send(new ActivateForCustomerCommand(id, request.Url, request.Ip, request.MachineId, request.ClientName), cancellationToken);
        return CreatedEnvelope(ActivationResource.From(activation), "License activated successfully.");
    }

    /// <summary>Blocks a license: it stops verifying everywhere.</summary>
    [HttpPost("blocked-product-licenses/{id:guid}", Name = "Internal_BlockLicense")]
    [ProducesResponseType<InternalEnvelope<LicenseResource>>(StatusCodes.Status200OK)]
    public async Task<InternalEnvelope<LicenseResource>> Block(Guid id, CancellationToken cancellationToken) =>
        Envelope(LicenseResource.From(await Mediator.Send(new SetLicenseBlockedCommand(id, null, true), cancellationToken)), "License blocked successfully.");

    [HttpDelete("blocked-product-licenses/{id:guid}", Name = "Internal_UnblockLicense")]
    [ProducesResponseType<InternalEnvelope<LicenseResource>>(StatusCodes.Status200OK)]
    public async Task<InternalEnvelope<LicenseResource>> Unblock(Guid id, CancellationToken cancellationToken) =>
        Envelope(LicenseResource.From(await Mediator.Send(new SetLicenseBlockedCommand(id, null, false), cancellationToken)), "License unblocked successfully.");

    /// <summary>Re-activates a deactivated activation (needs a free seat).</summary>
    [HttpPost("activated-product-activations/{id:guid}", Name = "Internal_ReactivateActivation")]
    [ProducesResponseType<InternalEnvelope<ActivationResource>>(StatusCodes.Status200OK)]
    [ProducesResponseType<InternalError>(StatusCodes.Status403Forbidden)]
    public async Task<InternalEnvelope<ActivationResource>> Reactivate(Guid id, CancellationToken cancellationToken) =>
        Envelope(ActivationResource.From(await Mediator.Send(new ReactivateActivationCommand(id), cancellationToken)), "Activation re-activated successfully.");

    /// <summary>Deactivates an activation, freeing its seat.</summary>
    [HttpDelete("activated-product-activations/{id:guid}", Name = "Internal_DeactivateActivation")]
    [ProducesResponseType<InternalEnvelope<ActivationResource>>(StatusCodes.Status200OK)]
    public async Task<InternalEnvelope<ActivationResource>> Deactivate(Guid id, CancellationToken cancellationToken) =>
        Envelope(ActivationResource.From(await Mediator.Send(new DeactivateActivationCommand(id), cancellationToken)), "Activation deactivated successfully.");
}
