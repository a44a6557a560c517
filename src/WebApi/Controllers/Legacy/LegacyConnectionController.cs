using KeyBox.WebApi.Contracts.Legacy;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.Legacy;

[Tags("LicenseBox legacy: connection")]
public sealed class LegacyConnectionController(IMediator mediator) : LegacyApiController(mediator)
{
    /// <summary>Checks that the server answers and the API key is valid. The body (LicenseBox sends <c>[]</c>) is ignored.</summary>
    [HttpPost("check_connection_ext", Name = "Legacy_CheckConnection")]
    [ProducesResponseType<LegacyStatusResponse>(StatusCodes.Status200OK)]
    public LegacyStatusResponse Check() => new(true, "Connection successful.");
}
