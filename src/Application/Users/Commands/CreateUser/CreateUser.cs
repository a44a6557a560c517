using KeyBox.Application.Accounts;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Security;
using KeyBox.Domain.Accounts;
using KeyBox.Domain.Common;
using Mediator;

namespace KeyBox.Application.Users.Commands.CreateUser;

/// <summary>An ADMIN creates an account (ADMIN or DEVELOPER) with a first password.</summary>
public sealed record CreateUserCommand(string Email, string Name, string? Role, string Password) : ICommand<UserDto>, IAdminOnly
{
    public override string ToString() => $"{nameof(CreateUserCommand)} {{ Email = {Email}, Name = {Name}, Role = {Role} }}";
}

public sealed class CreateUserCommandHandler(
    IUserRepository users,
    IUnitOfWork unitOfWork,
    IPasswordHasher passwordHasher,
    TimeProvider clock) : ICommandHandler<CreateUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(CreateUserCommand command, CancellationToken cancellationToken)
    {
        if (!UserRoles.TryParse(command.Role, out var role))
        {
            throw new DomainException(ErrorCodes.ValidationFailed, $"The role must be one of {string.Join(", ", UserRoles.Names)}.", nameof(command.Role));
        }

        var email = User.NormalizeEmail(command.Email);
        if (await users.GetByEmailAsync(email, cancellationToken) is not null)
        {
            throw new DomainException(ErrorCodes.Conflict, "An account with this email already exists.", nameof(command.Email));
        }

        var user = User.Create(command.Name, email, passwordHasher.Hash(command.Password), role, clock.GetUtcNow());
        users.Add(user);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return user.ToDto();
    }
}
