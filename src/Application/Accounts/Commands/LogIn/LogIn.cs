using KeyBox.Application.Common.Exceptions;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Accounts;
using KeyBox.Domain.Common;
using Mediator;
using Microsoft.Extensions.Options;

namespace KeyBox.Application.Accounts.Commands.LogIn;

/// <summary>Exchanges an email and password for a bearer token. <see cref="ClientAddress"/> is the connection's IP.</summary>
public sealed record LogInCommand(string Email, string Password, string? ClientAddress) : ICommand<LogInResult>, KeyBox.Application.Audit.INotAudited
{
    public override string ToString() => $"{nameof(LogInCommand)} {{ Email = {Email}, ClientAddress = {ClientAddress} }}";
}

public sealed record LogInResult(string Token, Guid UserId, UserRole Role, DateTimeOffset ExpiresAt);

/// <summary>
/// Wrong email and wrong password fail alike (same message, and a password hash is checked either way so the
/// timing does not tell them apart). Before any password is checked, the attempt takes its place in the login
/// throttle (per account and IP, per IP, per account: <see cref="LoginThrottlePolicy"/>) in one atomic step, or is
/// refused with 429; a success gives the places back.
/// </summary>
public sealed class LogInCommandHandler(
    IUserRepository users,
    IPasswordHasher passwordHasher,
    ILoginThrottle throttle,
    ITokenIssuer tokens,
    IOptions<AuthOptions> options,
    TimeProvider clock) : ICommandHandler<LogInCommand, LogInResult>
{
    public const string InvalidCredentials = "Invalid email or password.";
    public const string TooManyFailures = "Too many failed login attempts, try again later.";

    private static string? _dummyHash;

    public async ValueTask<LogInResult> Handle(LogInCommand command, CancellationToken cancellationToken)
    {
        var email = User.NormalizeEmail(command.Email);
        var policy = options.Value.LoginThrottle.ToPolicy();
        var keys = policy.KeysFor(email, command.ClientAddress);
        var now = clock.GetUtcNow();
        if (!keys.IsEmpty && await throttle.TryAcquireAsync(keys, policy, now, cancellationToken) is { } retryAfter)
        {
            throw new RateLimitedException(TooManyFailures, retryAfter);
        }

        var user = await users.GetByEmailAsync(email, cancellationToken);
        // A deactivated account fails exactly like a wrong password (after the same hash check): nothing tells them apart.
        if (user is null || !passwordHasher.Verify(user.PasswordHash, command.Password) || !user.IsActive)
        {
            if (user is null)
            {
                // Spend the time a real check takes, so response times do not reveal which emails have accounts.
                passwordHasher.Verify(_dummyHash ??= passwordHasher.Hash(Guid.NewGuid().ToString()), command.Password);
            }

            // The failure is already counted (the place taken above); only old counters are left to forget.
            if (!keys.IsEmpty)
            {
                await throttle.ForgetExpiredAsync(policy, now, cancellationToken);
            }

            throw new DomainException(ErrorCodes.Unauthorized, InvalidCredentials);
        }

        if (!keys.IsEmpty)
        {
            await throttle.ReleaseAsync(keys, cancellationToken);
        }

        var token = await tokens.IssueAsync(user, cancellationToken);
        return new LogInResult(token.Token, user.Id, user.Role, token.ExpiresAt);
    }
}
