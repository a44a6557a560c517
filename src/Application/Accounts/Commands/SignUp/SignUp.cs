using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Accounts;
using KeyBox.Domain.Common;
using Mediator;
using Microsoft.Extensions.Options;

namespace KeyBox.Application.Accounts.Commands.SignUp;

/// <summary>Creates an account. The first person to sign up becomes ADMIN (see <see cref="User.RoleForSignup"/>).</summary>
public sealed record SignUpCommand(string Name, string Email, string Password, string ConfirmPassword) : ICommand<UserDto>
{
    public override string ToString() => $"{nameof(SignUpCommand)} {{ Name = {Name}, Email = {Email} }}";
}

public sealed class SignUpCommandHandler(
    IUserRepository users,
    IUnitOfWork unitOfWork,
    IPasswordHasher passwordHasher,
    IOptions<AuthOptions> options,
    TimeProvider clock) : ICommandHandler<SignUpCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(SignUpCommand command, CancellationToken cancellationToken)
    {
        if (!options.Value.AllowSignup)
        {
            throw new DomainException(ErrorCodes.SignupClosed, "Signing up is closed on this server: ask an administrator for an account.");
        }

        var email = User.NormalizeEmail(command.Email);
        if (await users.GetByEmailAsync(email, cancellationToken) is not null)
        {
            throw new DomainException(ErrorCodes.Conflict, "An account with this email already exists.", "Email");
        }

        var role = User.RoleForSignup(await users.AnyPersonAsync(cancellationToken));
        var user = User.Create(command.Name, email, passwordHasher.Hash(command.Password), role, clock.GetUtcNow());
        users.Add(user);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return user.ToDto();
    }
}
