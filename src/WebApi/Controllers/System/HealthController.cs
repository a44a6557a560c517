using Asp.Versioning;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.System;

public sealed record HealthResponse(string Status);

[ApiController]
[ApiVersionNeutral]
[Tags("Health")]
public sealed class HealthController : ControllerBase
{
    /// <summary>Liveness: the process answers. No authentication.</summary>
    [HttpGet("api/health-check", Name = "Health_Check")]
    [ProducesResponseType<HealthResponse>(StatusCodes.Status200OK)]
    public HealthResponse Check() => new("ok");
}
