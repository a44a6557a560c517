using KeyBox.WebApi.Contracts.External;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.External;

[Route("api/external")]
[Tags("External: connection")]
public sealed class ConnectionController(IMediator mediator) : ExternalApiController(mediator)
{
    /// <summary>Checks that the server answers and the API key is valid.</summary>
    [HttpGet("connection-check", Name = "External_ConnectionCheck")]
    [ProducesResponseType<ConnectionCheckResponse>(StatusCodes.Status200OK)]
    public ConnectionCheckResponse Check() => new(true, true, "Connection successful");
}
