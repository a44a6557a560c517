using KeyBox.Application.Licenses.Commands.ActivateLicense;
using KeyBox.Application.Licenses.Commands.DeactivateLicense;
using KeyBox.Application.Licenses.Commands.OfflineActivation;
using KeyBox.Application.Licenses.Commands.OfflineDeactivation;
using KeyBox.Application.Licenses.Queries.GetLicenseFile;
using KeyBox.Application.Licenses.Queries.CheckLicense;
using KeyBox.Application.Licenses.Queries.VerifyLicense;
using KeyBox.WebApi.Contracts.External;
using KeyBox.WebApi.Http.Errors;
using KeyBox.WebApi.Http.Security;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.External;

[Route("api/external/license")]
[Tags("External: licenses")]
[ProducesResponseType<ExternalError>(StatusCodes.Status404NotFound)]
[ProducesResponseType<ExternalError>(StatusCodes.Status422UnprocessableEntity)]
public sealed class LicenseController(IMediator mediator) : ExternalApiController(mediator)
{
    /// <summary>Activates a license at the caller's place (X-API-URL / X-API-IP) and returns the license token to store.</summary>
    [HttpPost("activate", Name = "External_ActivateLicense")]
    [NullOnFailure("lic_response")]
    [ProducesResponseType<ActivateLicenseResponse>(StatusCodes.Status200OK)]
    public async Task<ActivateLicenseResponse> Activate(ActivateLicenseRequest request, CancellationToken cancellationToken)
    {
        var place = ClientPlace.Of(HttpContext, request.MachineId, request.InstanceId, request.ClientName);
        var result = await Mediator.Send(new ActivateLicenseCommand(request.ProductId, request.LicenseCode ?? string.Empty, place), cancellationToken);
        return new ActivateLicenseResponse(true, "Activated.", result.Token, new LicenseDataPayload(result.Token), result.LicenseFile);
    }

    /// <summary>
    /// A fresh signed license file (JWT, EdDSA) for the activation the license_data token proves, bound to its machine
    /// (or domain); refused as verify refuses.
    /// </summary>
    [HttpPost("file", Name = "External_GetLicenseFile")]
    [ProducesResponseType<LicenseFileResponse>(StatusCodes.Status200OK)]
    public async Task<LicenseFileResponse> File(LicenseFileRequest request, CancellationToken cancellationToken)
    {
        var place = ClientPlace.Of(HttpContext);
        var file = await Mediator.Send(new GetLicenseFileQuery(request.ProductId, request.LicenseData, place), cancellationToken);
        return new LicenseFileResponse(true, "License file issued.", file);
    }

    /// <summary>
    /// Offline activation: the activation request a machine without network wrote. Takes a seat exactly like an online
    /// activation whose machine is the fingerprint (the same fingerprint again refreshes it) and answers with the
    /// license file, bound to the fingerprint.
    /// </summary>
    [HttpPost("offline-activation", Name = "External_OfflineActivation")]
    [ProducesResponseType<LicenseFileResponse>(StatusCodes.Status200OK)]
    public async Task<LicenseFileResponse> OfflineActivation(OfflineActivationRequest request, CancellationToken cancellationToken)
    {
        var place = ClientPlace.Of(HttpContext, clientName: request.ClientName);
        var result = await Mediator.Send(new OfflineActivationCommand(request.ProductId, request.LicenseCode, request.Fingerprint, place), cancellationToken);
        return new LicenseFileResponse(true, "Activated.", result.LicenseFile!);
    }

    /// <summary>Offline deactivation: the license file of a machine's seat frees that seat.</summary>
    [HttpPost("offline-deactivation", Name = "External_OfflineDeactivation")]
    [ProducesResponseType<DeactivateLicenseResponse>(StatusCodes.Status200OK)]
    public async Task<DeactivateLicenseResponse> OfflineDeactivation(OfflineDeactivationRequest request, CancellationToken cancellationToken)
    {
        await Mediator.Send(new OfflineDeactivationCommand(request.LicenseFile), cancellationToken);
        return new DeactivateLicenseResponse(true, "Deactivated.");
    }

    /// <summary>Verifies that the stored license token is still good for this place.</summary>
    [HttpPost("verify", Name = "External_VerifyLicense")]
    [ProducesResponseType<VerifyLicenseResponse>(StatusCodes.Status200OK)]
    public async Task<VerifyLicenseResponse> Verify(LicenseDataRequest request, CancellationToken cancellationToken)
    {
        var place = ClientPlace.Of(HttpContext, clientName: request.ClientName);
        await Mediator.Send(new VerifyLicenseQuery(request.ProductId, request.LicenseData ?? request.LicenseFile, request.LicenseCode, place), cancellationToken);
        return new VerifyLicenseResponse(true, "Verified.", null);
    }

    /// <summary>Gives up this place's activation; its seat is free at once.</summary>
    [HttpPost("deactivate", Name = "External_DeactivateLicense")]
    [ProducesResponseType<DeactivateLicenseResponse>(StatusCodes.Status200OK)]
    public async Task<DeactivateLicenseResponse> Deactivate(LicenseDataRequest request, CancellationToken cancellationToken)
    {
        var place = ClientPlace.Of(HttpContext, clientName: request.ClientName);
        await Mediator.Send(new DeactivateLicenseCommand(request.ProductId, request.LicenseData ?? request.LicenseFile, request.LicenseCode, place), cancellationToken);
        return new DeactivateLicenseResponse(true, "Deactivated.");
    }

    /// <summary>A license's state without activating it; is_active tells whether it is usable.</summary>
    [HttpPost("check", Name = "External_CheckLicense")]
    [ProducesResponseType<CheckLicenseResponse>(StatusCodes.Status200OK)]
    public async Task<CheckLicenseResponse> Check(CheckLicenseRequest request, CancellationToken cancellationToken) =>
        CheckLicenseResponse.From(await Mediator.Send(new CheckLicenseQuery(request.LicenseCode ?? string.Empty, request.ProductId), cancellationToken));
}
