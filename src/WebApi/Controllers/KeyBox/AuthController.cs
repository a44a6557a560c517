using KeyBox.Application.Accounts.Commands.LogIn;
using KeyBox.Application.Accounts.Commands.SignUp;
using KeyBox.Application.Accounts.Queries.GetMe;
using KeyBox.WebApi.Contracts.KeyBox;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.KeyBox;

[Route("auth")]
[Tags("KeyBox: auth")]
public sealed class AuthController(IMediator mediator) : KeyBoxApiController(mediator)
{
    /// <summary>
    /// Creates an account. The first person to sign up becomes ADMIN (the generated bootstrap account
    /// admin@keybox.local does not count; a configured bootstrap admin does); later accounts are DEVELOPERs,
    /// who see only what they own. Refused with 403 SIGNUP_CLOSED when Auth:AllowSignup is false.
    /// </summary>
    [AllowAnonymous]
    [HttpPost("signup", Name = "KeyBox_SignUp")]
    [ProducesResponseType<KeyBoxEnvelope<UserResource>>(StatusCodes.Status201Created)]
    [ProducesResponseType<KeyBoxError>(StatusCodes.Status403Forbidden)]
    [ProducesResponseType<KeyBoxError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> SignUp(SignUpRequest request, CancellationToken cancellationToken)
    {
        var user = await Mediator.Send(new SignUpCommand(
            request.Name ?? string.Empty,
            request.Email ?? string.Empty,
            request.Password ?? string.Empty,
            request.ConfirmPassword ?? string.Empty), cancellationToken);
        return CreatedEnvelope(UserResource.From(user), "Account created successfully.");
    }

    /// <summary>
    /// Exchanges an email and password for a bearer token (30 minutes by default). A wrong email and a wrong
    /// password get the same 401. Throttled (defaults, per 15 minutes): after 5 failures for an account from one IP
    /// or 20 from one IP, logins from there are refused with 429 RATE_LIMITED and Retry-After; beyond 50 failures for
    /// an account, it is slowed to one password check per 5 seconds (429 with the seconds left), never blocked.
    /// </summary>
    [AllowAnonymous]
    [HttpPost("login", Name = "KeyBox_LogIn")]
    [ProducesResponseType<KeyBoxEnvelope<LogInResource>>(StatusCodes.Status200OK)]
    [ProducesResponseType<KeyBoxError>(StatusCodes.Status429TooManyRequests)]
    public async Task<KeyBoxEnvelope<LogInResource>> LogIn(LogInRequest request, CancellationToken cancellationToken)
    {
        var result = await Mediator.Send(new LogInCommand(
            request.Email ?? string.Empty,
            request.Password ?? string.Empty,
            HttpContext.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null), cancellationToken);
        return Envelope(LogInResource.From(result), "Logged in successfully.");
    }

    /// <summary>The account the bearer token was issued for.</summary>
    [HttpGet("me", Name = "KeyBox_GetMe")]
    [ProducesResponseType<KeyBoxEnvelope<UserResource>>(StatusCodes.Status200OK)]
    public async Task<KeyBoxEnvelope<UserResource>> Me(CancellationToken cancellationToken) =>
        Envelope(UserResource.From(await Mediator.Send(new GetMeQuery(), cancellationToken)), "Account retrieved successfully.");
}
