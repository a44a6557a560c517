using KeyBox.Application.Common.Exceptions;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.RateLimiting;
using KeyBox.Domain.Accounts;
using KeyBox.Domain.Common;
using Mediator;
using Microsoft.Extensions.Options;

namespace KeyBox.Application.Accounts.Commands.SignUp;

/// <summary>Creates a DEVELOPER account (never an ADMIN). <see cref="ClientAddress"/> is the connection's IP, for the throttle.</summary>
public sealed record SignUpCommand(string Name, string Email, string Password, string ConfirmPassword, string? ClientAddress = null) : ICommand<UserDto>
{
    public override string ToString() => $"{nameof(SignUpCommand)} {{ Name = {Name}, Email = {Email}, ClientAddress = {ClientAddress} }}";
}

/// <summary>
/// Sign-up is closed unless <c>Auth:AllowSignup</c> is true (403 SIGNUP_CLOSED). When open, each client IP may try
/// <c>Auth:SignupThrottle:PermitLimit</c> times per window (429 RATE_LIMITED), and the answer does not reveal whether
/// the email already has an account: a taken email gets the same 201 and the same body shape as a new account (a
/// DEVELOPER with a fresh id that names no account) and nothing is created or changed. The password is hashed either
/// way so that the timing does not tell them apart either.
/// </summary>
public sealed class SignUpCommandHandler(
    IUserRepository users,
    IUnitOfWork unitOfWork,
    IPasswordHasher passwordHasher,
    FixedWindowRateLimiter limiter,
    IOptions<AuthOptions> options,
    TimeProvider clock) : ICommandHandler<SignUpCommand, UserDto>
{
    public const string ClosedMessage = "Signing up is closed on this server: ask an administrator for an account.";
    public const string ThrottledMessage = "Too many sign-ups from this address, try again later.";

    public async ValueTask<UserDto> Handle(SignUpCommand command, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.AllowSignup)
        {
            throw new DomainException(ErrorCodes.SignupClosed, ClosedMessage);
        }

        if (settings.SignupThrottle is { Enabled: true } throttle)
        {
            var decision = await limiter.AcquireAsync(
                "signup:ip:" + (command.ClientAddress ?? "unknown"), throttle.PermitLimit, throttle.Window, cancellationToken);
            if (decision is { Allowed: false })
            {
                throw new RateLimitedException(ThrottledMessage, decision.ResetsIn);
            }
        }

        var now = clock.GetUtcNow();
        var email = User.NormalizeEmail(command.Email);
        var user = User.SignUp(command.Name, email, passwordHasher.Hash(command.Password), now);
        if (await users.GetByEmailAsync(email, cancellationToken) is not null)
        {
            return Indistinguishable(user);
        }

        users.Add(user);
        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex) when (ex.Code == ErrorCodes.Conflict)
        {
            // Another sign-up took the email in the meantime: the same answer as for any taken email.
            return Indistinguishable(user);
        }

        return user.ToDto();
    }

    // What a new account would have looked like; the id is fresh and names no account.
    private static UserDto Indistinguishable(User notCreated) => notCreated.ToDto();
}
