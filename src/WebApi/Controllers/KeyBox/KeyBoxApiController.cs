using Asp.Versioning;
using KeyBox.WebApi.Contracts.KeyBox;
using KeyBox.WebApi.Infrastructure.Security;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.KeyBox;

/// <summary>
/// Base of the KeyBox API (root routes): camelCase, <c>{success,message,data}</c>, a bearer token from
/// <c>POST /auth/login</c> unless an action allows anonymous calls. Invalid input is 400.
/// </summary>
[ApiController]
[ApiVersion("1.0")]
[Authorize(Policy = Policies.KeyBox)]
[Produces("application/json")]
[ProducesResponseType<KeyBoxError>(StatusCodes.Status400BadRequest)]
[ProducesResponseType<KeyBoxError>(StatusCodes.Status401Unauthorized)]
public abstract class KeyBoxApiController(IMediator mediator) : ControllerBase
{
    protected IMediator Mediator { get; } = mediator;

    protected static KeyBoxEnvelope<T> Envelope<T>(T data, string message) => new(true, message, data);

    protected ObjectResult CreatedEnvelope<T>(T data, string message) =>
        StatusCode(StatusCodes.Status201Created, new KeyBoxEnvelope<T>(true, message, data));
}
