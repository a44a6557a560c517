using KeyBox.Application.Accounts;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Security;
using KeyBox.Domain.Accounts;
using KeyBox.Domain.Common;
using Mediator;

namespace KeyBox.Application.Users.Commands.UpdateUser;

/// <summary>
/// An ADMIN renames an account, changes its role, deactivates or reactivates it, or sets a new password; a null
/// field keeps its value. A role change, a deactivation and a new password stop the account's tokens (and, for a
/// deactivation, its API keys) at once on every server process.
/// </summary>
public sealed record UpdateUserCommand(Guid Id, string? Name, string? Role, bool? IsActive, string? Password) : ICommand<UserDto>, IAdminOnly
{
    public override string ToString() => $"{nameof(UpdateUserCommand)} {{ Id = {Id}, Name = {Name}, Role = {Role}, IsActive = {IsActive} }}";
}

/// <summary>
/// Changes of roles and active flags are serialised (one lock), and the last active ADMIN can be neither deactivated
/// nor demoted (409 CONFLICT): the server always keeps somebody who can administer it.
/// </summary>
public sealed class UpdateUserCommandHandler(
    IUserRepository users,
    IUnitOfWork unitOfWork,
    IPasswordHasher passwordHasher,
    TimeProvider clock) : ICommandHandler<UpdateUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        var role = (UserRole?)null;
        if (command.Role is not null)
        {
            if (!UserRoles.TryParse(command.Role, out var parsed))
            {
                throw new DomainException(ErrorCodes.ValidationFailed, $"The role must be one of {string.Join(", ", UserRoles.Names)}.", nameof(command.Role));
            }

            role = parsed;
        }

        await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
        await users.LockAccountChangesAsync(cancellationToken);
        var user = await users.GetByIdAsync(command.Id, cancellationToken)
            ?? throw new DomainException(ErrorCodes.NotFound, "User not found.");

        var staysActiveAdmin = (command.IsActive ?? user.IsActive) && (role ?? user.Role) == UserRole.Admin;
        if (user.IsActiveAdmin && !staysActiveAdmin)
        {
            user.EnsureNotLastAdmin(await users.CountOtherActiveAdminsAsync(user.Id, cancellationToken), staysActiveAdmin);
        }

        if (command.Name is not null)
        {
            user.Rename(command.Name);
        }

        if (role is { } newRole)
        {
            user.ChangeRole(newRole);
        }

        if (command.IsActive is false)
        {
            user.Deactivate(clock.GetUtcNow());
        }
        else if (command.IsActive is true)
        {
            user.Reactivate();
        }

        if (command.Password is not null)
        {
            user.ChangePasswordHash(passwordHasher.Hash(command.Password));
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user.ToDto();
    }
}
