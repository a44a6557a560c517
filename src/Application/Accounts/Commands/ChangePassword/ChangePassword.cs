using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Accounts;
using KeyBox.Domain.Common;
using Mediator;

namespace KeyBox.Application.Accounts.Commands.ChangePassword;

/// <summary>
/// The calling account changes its own password: the current one proves it is its owner, the new one follows the
/// sign-up rules. Every session and token of the account, the caller's included, ends (the security stamp changes);
/// <see cref="PasswordChanged.SecurityStamp"/> lets the surface that asked re-issue its own session.
/// </summary>
public sealed record ChangePasswordCommand(string CurrentPassword, string NewPassword, string ConfirmPassword) : ICommand<PasswordChanged>
{
    public override string ToString() => nameof(ChangePasswordCommand);
}

/// <summary>The account whose password changed, and its new security stamp (never sent to an API client).</summary>
public sealed record PasswordChanged(Guid UserId, string SecurityStamp);

public sealed class ChangePasswordCommandHandler(
    IUserRepository users,
    IUnitOfWork unitOfWork,
    IPasswordHasher passwordHasher,
    ICurrentActor actor) : ICommandHandler<ChangePasswordCommand, PasswordChanged>
{
    public const string WrongPasswordMessage = "The current password is not correct.";

    public async ValueTask<PasswordChanged> Handle(ChangePasswordCommand command, CancellationToken cancellationToken)
    {
        var user = actor.UserId is { } id ? await users.GetByIdAsync(id, cancellationToken) : null;
        if (user is null || !user.IsActive)
        {
            throw new DomainException(ErrorCodes.Unauthorized, "Your session has ended: log in again.");
        }

        if (!passwordHasher.Verify(user.PasswordHash, command.CurrentPassword))
        {
            throw new DomainException(ErrorCodes.ValidationFailed, WrongPasswordMessage, nameof(command.CurrentPassword));
        }

        user.ChangePasswordHash(passwordHasher.Hash(command.NewPassword));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new PasswordChanged(user.Id, user.SecurityStamp);
    }
}
