using KeyBox.Application.Audit;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Accounts;
using KeyBox.Domain.Common;
using Mediator;

namespace KeyBox.Application.Accounts.Commands.LogOut;

/// <summary>Ends the caller's session: the presented token stops working at once, on every server process.</summary>
public sealed record LogOutCommand : ICommand, INotAudited;

/// <summary>
/// Changes the account's security stamp, which every bearer token carries: the presented token, and every other token
/// of the same account, is refused from then on (the change reaches every process through the database's
/// notifications). Revoking all of the account's tokens, not only the presented one, keeps the check a single
/// comparison against a cached value (no deny-list of token ids to keep and share).
/// </summary>
public sealed class LogOutCommandHandler(IUserRepository users, IUnitOfWork unitOfWork, ICurrentActor actor) : ICommandHandler<LogOutCommand>
{
    public async ValueTask<Unit> Handle(LogOutCommand command, CancellationToken cancellationToken)
    {
        var user = actor.UserId is { } id ? await users.GetByIdAsync(id, cancellationToken) : null;
        if (user is null)
        {
            throw new DomainException(ErrorCodes.Unauthorized, "The account this token was issued for no longer exists.");
        }

        user.RevokeTokens();
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
