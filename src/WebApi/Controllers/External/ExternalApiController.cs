using Asp.Versioning;
using KeyBox.WebApi.Contracts.External;
using KeyBox.WebApi.Http.Security;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.External;

/// <summary>Base of the external API called by client apps: snake_case, <c>{is_active,message,...}</c>, every success HTTP 200.</summary>
[ApiController]
[ApiVersion("1.0")]
[Authorize(Policy = Policies.External)]
[Produces("application/json")]
[ProducesResponseType<ExternalError>(StatusCodes.Status401Unauthorized)]
[ProducesResponseType<ExternalError>(StatusCodes.Status403Forbidden)]
[ProducesResponseType<RateLimitExceededError>(StatusCodes.Status429TooManyRequests)]
public abstract class ExternalApiController(IMediator mediator) : ControllerBase
{
    protected IMediator Mediator { get; } = mediator;
}
