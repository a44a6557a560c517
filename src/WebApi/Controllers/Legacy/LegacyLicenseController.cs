using KeyBox.Application.Licenses.Commands.ActivateLicense;
using KeyBox.Application.Licenses.Commands.DeactivateLicense;
using KeyBox.Application.Licenses.Queries.CheckLicense;
using KeyBox.Application.Licenses.Queries.VerifyLicense;
using KeyBox.WebApi.Contracts.Legacy;
using KeyBox.WebApi.Http.Errors;
using KeyBox.WebApi.Http.Security;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.Legacy;

/// <summary>
/// LicenseBox license routes, on the same use cases as <c>/api/external/license/*</c>: a license activated here
/// verifies and deactivates there and the other way round, with the same token and the same seats.
/// </summary>
[Tags("LicenseBox legacy: licenses")]
public sealed class LegacyLicenseController(IMediator mediator) : LegacyApiController(mediator)
{
    /// <summary>
    /// Activates a license at the caller's place (LB-URL / LB-IP) and returns, as <c>lic_response</c>, the token the client
    /// stores as its license file. Failures: HTTP 200 with <c>"status":false</c>, a message and <c>"lic_response":null</c>.
    /// </summary>
    [HttpPost("activate_license", Name = "Legacy_ActivateLicense")]
    [NullOnFailure("lic_response")]
    [ProducesResponseType<LegacyActivateResponse>(StatusCodes.Status200OK)]
    public async Task<LegacyActivateResponse> Activate([FromBody] LegacyActivateRequest request, CancellationToken cancellationToken)
    {
        var place = ClientPlace.Of(HttpContext, clientName: request.ClientName);
        var result = await Mediator.Send(new ActivateLicenseCommand(request.ProductId, request.LicenseCode ?? string.Empty, place), cancellationToken);
        return new LegacyActivateResponse(true, $"Activated! Thanks for purchasing {result.ProductName}.", null, result.Token);
    }

    /// <summary>Verifies the stored license file (or license code + client name) for the caller's place.</summary>
    [HttpPost("verify_license", Name = "Legacy_VerifyLicense")]
    [ProducesResponseType<LegacyVerifyResponse>(StatusCodes.Status200OK)]
    public async Task<LegacyVerifyResponse> Verify([FromBody] LegacyLicenseRequest request, CancellationToken cancellationToken)
    {
        var place = ClientPlace.Of(HttpContext, clientName: request.ClientName);
        var result = await Mediator.Send(new VerifyLicenseQuery(request.ProductId, request.LicenseFile, request.LicenseCode, place), cancellationToken);
        return new LegacyVerifyResponse(true, $"Verified! Thanks for purchasing {result.ProductName}.", null);
    }

    /// <summary>Gives up the caller's activation (by license file, or license code + client name); its seat is free at once.</summary>
    [HttpPost("deactivate_license", Name = "Legacy_DeactivateLicense")]
    [ProducesResponseType<LegacyStatusResponse>(StatusCodes.Status200OK)]
    public async Task<LegacyStatusResponse> Deactivate([FromBody] LegacyLicenseRequest request, CancellationToken cancellationToken)
    {
        var place = ClientPlace.Of(HttpContext, clientName: request.ClientName);
        await Mediator.Send(new DeactivateLicenseCommand(request.ProductId, request.LicenseFile, request.LicenseCode, place), cancellationToken);
        return new LegacyStatusResponse(true, "License was deactivated successfully.");
    }

    /// <summary>
    /// A license's state without activating it: <c>status</c> is whether it is usable, <c>code</c> why not, <c>data</c>
    /// its state (<c>status</c>, <c>type</c>, <c>expires_at</c>, <c>updates_until</c>, seats).
    /// </summary>
    [HttpPost("check_license", Name = "Legacy_CheckLicense")]
    [ProducesResponseType<LegacyCheckLicenseResponse>(StatusCodes.Status200OK)]
    public async Task<LegacyCheckLicenseResponse> Check([FromBody] LegacyCheckLicenseRequest request, CancellationToken cancellationToken) =>
        LegacyCheckLicenseResponse.From(await Mediator.Send(new CheckLicenseQuery(request.LicenseCode ?? string.Empty, request.ProductId), cancellationToken));
}
