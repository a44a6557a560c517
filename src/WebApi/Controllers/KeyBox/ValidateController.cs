using KeyBox.Application.Licenses.Commands.ActivateLicense;
using KeyBox.Application.Licenses.Queries.ValidateLicense;
using KeyBox.Domain.Common;
using KeyBox.WebApi.Contracts.KeyBox;
using KeyBox.WebApi.Http.Errors;
using KeyBox.WebApi.Http.Security;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NSwag.Annotations;

namespace KeyBox.WebApi.Controllers.KeyBox;

/// <summary>
/// What the KeyBox SDKs call, with only <c>Content-Type</c> (no credentials): <c>{key, productName?, instanceId?,
/// machineId?}</c>. A license is held by a machine (<c>machineId</c>) and, on it, by one instance (<c>instanceId</c>);
/// it may be active on as many machines as its parallel uses (1 for licenses made here). When <c>productName</c> is
/// given it must be the license's project name (case-insensitive), else the key counts as unknown. Rate limited to 5
/// requests per 15 minutes per client IP (RateLimiting:Validate:*), 429 with RateLimit-* and Retry-After headers.
/// </summary>
[Route("validate")]
[Tags("KeyBox: validate")]
[AllowAnonymous]
[ProducesResponseType<KeyBoxError>(StatusCodes.Status400BadRequest)]
[ProducesResponseType<KeyBoxError>(StatusCodes.Status429TooManyRequests)]
public sealed class ValidateController(IMediator mediator) : KeyBoxApiController(mediator)
{
    [OpenApiOperation("Activates the license on this machine and instance", "Activates the license on this machine and instance: its duration starts at the first activation. The same machine and instance again: License already activated on this machine. A machine's activation stays with its instance: another instance on that machine (or a request naming none) is refused with 403 License already activated on this machine for another instance (status instance_mismatch, error INSTANCE_MISMATCH) until that activation is released (deactivated). Failures: unknown key (or another product's) 404; revoked, expired, or another machine holding the only seat 403 (License already activated on another machine) — each with valid:false and the status as in POST /validate.")]
    [HttpPost("activate", Name = "KeyBox_ActivateLicense")]
    [KeyBoxFailure(ErrorCodes.LicenseNotFound, "License not found", "invalid")]
    [KeyBoxFailure(ErrorCodes.LicenseBlocked, "License has been revoked", "revoked")]
    [KeyBoxFailure(ErrorCodes.LicenseInvalid, "License has been revoked", "revoked")]
    [KeyBoxFailure(ErrorCodes.LicenseExpired, "License has expired", "expired")]
    [KeyBoxFailure(ErrorCodes.ActivationLimitReached, "License already activated on another machine", "machine_mismatch")]
    [KeyBoxFailure(ErrorCodes.InstanceMismatch, "License already activated on this machine for another instance", "instance_mismatch")]
    [KeyBoxFailure(ErrorCodes.ProductInactive, "This project is not active", "invalid")]
    [KeyBoxFailure(ErrorCodes.DomainNotAllowed, "This license may not be used on this domain", "invalid")]
    [KeyBoxFailure(ErrorCodes.IpNotAllowed, "This license may not be used from this IP address", "invalid")]
    [ProducesResponseType<ActivateResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<KeyBoxError>(StatusCodes.Status403Forbidden)]
    [ProducesResponseType<KeyBoxError>(StatusCodes.Status404NotFound)]
    public async Task<ActivateResponse> Activate(ValidateRequest request, CancellationToken cancellationToken)
    {
        var place = ClientPlace.Of(HttpContext, request.MachineId, request.InstanceId);
        var result = await Mediator.Send(new ActivateLicenseCommand(null, request.Key ?? string.Empty, place, request.ProductName), cancellationToken);
        return ActivateResponse.From(result);
    }

    [OpenApiOperation("Whether this machine and instance hold a usable activation", "Whether this machine and instance hold a usable activation. Always HTTP 200 (400 only for a missing key), with valid true only for status active; otherwise pending (never activated), expired, revoked, invalid (unknown key, or another product's), machine_mismatch (not activated on this machine), instance_mismatch (activated on this machine for another instance). A request without machineId is never valid for a license activated on a machine (machine_mismatch, message machineId is required), nor one without instanceId for an activation that holds an instance (instance_mismatch, instanceId is required); data.machineId and data.instanceId only ever repeat what the caller sent. expiresAt is epoch milliseconds. Validations are counted on the dashboard.")]
    [HttpPost(Name = "KeyBox_ValidateLicense")]
    [ProducesResponseType<ValidateResponse>(StatusCodes.Status200OK)]
    public async Task<ValidateResponse> Validate(ValidateRequest request, CancellationToken cancellationToken)
    {
        var place = ClientPlace.Of(HttpContext, request.MachineId, request.InstanceId);
        return ValidateResponse.From(await Mediator.Send(new ValidateLicenseQuery(request.Key ?? string.Empty, request.ProductName, place), cancellationToken));
    }
}
