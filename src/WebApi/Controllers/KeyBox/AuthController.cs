using KeyBox.Application.Accounts.Commands.LogIn;
using KeyBox.Application.Accounts.Commands.LogOut;
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
    /// Creates a DEVELOPER account (never an ADMIN: admins come from the bootstrap settings or from another admin).
    /// Closed by default: 403 SIGNUP_CLOSED unless Auth:AllowSignup is true. When open, each client IP may sign up 5
    /// times an hour (Auth:SignupThrottle; 429 RATE_LIMITED with Retry-After). The answer does not tell whether the email
    /// already had an account: a taken email gets the same 201 and body shape, and nothing is created. Passwords: at
    /// least 12 characters and not a common password; emails are trimmed, lower-cased and NFC-normalised, and refused
    /// when they hold control or invisible characters.
    /// </summary>
    [AllowAnonymous]
    [HttpPost("signup", Name = "KeyBox_SignUp")]
    [ProducesResponseType<KeyBoxEnvelope<UserResource>>(StatusCodes.Status201Created)]
    [ProducesResponseType<KeyBoxError>(StatusCodes.Status403Forbidden)]
    [ProducesResponseType<KeyBoxError>(StatusCodes.Status429TooManyRequests)]
    public async Task<IActionResult> SignUp(SignUpRequest request, CancellationToken cancellationToken)
    {
        var user = await Mediator.Send(new SignUpCommand(
            request.Name ?? string.Empty,
            request.Email ?? string.Empty,
            request.Password ?? string.Empty,
            request.ConfirmPassword ?? string.Empty,
            ClientAddress()), cancellationToken);
        return CreatedEnvelope(UserResource.From(user), SignedUpMessage);
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
            ClientAddress()), cancellationToken);
        return Envelope(LogInResource.From(result), "Logged in successfully.");
    }

    /// <summary>
    /// Revokes the presented token at once, on every server process — and every other token of the same account
    /// (the account's security stamp changes). Log in again for a new token.
    /// </summary>
    [HttpPost("logout", Name = "KeyBox_LogOut")]
    [ProducesResponseType<KeyBoxEnvelope<object>>(StatusCodes.Status200OK)]
    public async Task<KeyBoxEnvelope<object?>> LogOut(CancellationToken cancellationToken)
    {
        await Mediator.Send(new LogOutCommand(), cancellationToken);
        return Envelope<object?>(null, "Logged out successfully.");
    }

    /// <summary>The account the bearer token was issued for.</summary>
    [HttpGet("me", Name = "KeyBox_GetMe")]
    [ProducesResponseType<KeyBoxEnvelope<UserResource>>(StatusCodes.Status200OK)]
    public async Task<KeyBoxEnvelope<UserResource>> Me(CancellationToken cancellationToken) =>
        Envelope(UserResource.From(await Mediator.Send(new GetMeQuery(), cancellationToken)), "Account retrieved successfully.");

    /// <summary>The same for a new account and for a taken email (no account-existence oracle).</summary>
    public const string SignedUpMessage = "Account created successfully.";

    private string? ClientAddress() =>
        HttpContext.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null;
}
