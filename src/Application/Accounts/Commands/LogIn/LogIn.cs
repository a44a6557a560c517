using KeyBox.Application.Common.Exceptions;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Accounts;
using KeyBox.Domain.Common;
using Mediator;
using Microsoft.Extensions.Options;

namespace KeyBox.Application.Accounts.Commands.LogIn;

/// <summary>Exchanges an email and password for a bearer token. <see cref="ClientAddress"/> is the connection's IP.</summary>
public sealed record LogInCommand(string Email, string Password, string? ClientAddress) : ICommand<LogInResult>
{
    public override string ToString() => $"{nameof(LogInCommand)} {{ Email = {Email}, ClientAddress = {ClientAddress} }}";
}

public sealed record LogInResult(string Token, Guid UserId, UserRole Role, DateTimeOffset ExpiresAt);

/// <summary>
/// Wrong email and wrong password fail alike (same message, and a password hash is checked either way so the
/// timing does not tell them apart). Failures are counted per email and per client IP in the database; too many
/// within the window are refused with 429 before any password is checked.
/// </summary>
public sealed class LogInCommandHandler(
    IUserRepository users,
    IPasswordHasher passwordHasher,
    ILoginFailureStore failures,
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
        var keys = new List<string> { "email:" + email };
        if (!string.IsNullOrEmpty(command.ClientAddress))
        {
            keys.Add("ip:" + command.ClientAddress);
        }

        var policy = options.Value.LoginThrottle.ToPolicy();
        var now = clock.GetUtcNow();
        if (policy.IsEnabled)
        {
            foreach (var key in keys)
            {
                var recent = await failures.RecentAsync(key, policy.WindowStart(now), policy.MaxFailures, cancellationToken);
                if (policy.RetryAfter(recent, now) is { } retryAfter)
                {
                    throw new RateLimitedException(TooManyFailures, retryAfter);
                }
            }
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

            if (policy.IsEnabled)
            {
                await failures.RecordAsync(keys, now, policy.WindowStart(now), cancellationToken);
            }

            throw new DomainException(ErrorCodes.Unauthorized, InvalidCredentials);
        }

        await failures.ClearAsync(keys[0], cancellationToken);
        var token = await tokens.IssueAsync(user, cancellationToken);
        return new LogInResult(token.Token, user.Id, user.Role, token.ExpiresAt);
    }
}
