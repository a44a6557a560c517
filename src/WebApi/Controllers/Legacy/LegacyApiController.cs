using Asp.Versioning;
using KeyBox.WebApi.Contracts.External;
using KeyBox.WebApi.Contracts.Legacy;
using KeyBox.WebApi.Http.Security;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.Legacy;

/// <summary>
/// Base of the LicenseBox legacy routes (<c>/api/...</c>) called by unmodified LicenseBox clients: snake_case,
/// <c>{status,message,...}</c>, and HTTP 200 for every business failure (<c>"status":false</c> with a message), because
/// those clients discard the body of any other status. Only credentials (401, 403 for a key of the wrong type) and
/// malformed <c>LB-URL</c> / <c>LB-IP</c> headers (403) use other statuses. Any valid API key, as <c>X-API-KEY</c> or
/// <c>LB-API-KEY</c>; the client context headers in either spelling (<c>X-API-URL</c> / <c>LB-URL</c>, ...).
/// </summary>
[ApiController]
[ApiVersion("1.0")]
[Authorize(Policy = Policies.External)]
[Route("api")]
[Produces("application/json")]
[ProducesResponseType<LegacyError>(StatusCodes.Status401Unauthorized)]
[ProducesResponseType<LegacyError>(StatusCodes.Status403Forbidden)]
[ProducesResponseType<RateLimitExceededError>(StatusCodes.Status429TooManyRequests)]
public abstract class LegacyApiController(IMediator mediator) : ControllerBase
{
    protected IMediator Mediator { get; } = mediator;
}
