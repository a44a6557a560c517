using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Accounts;
using KeyBox.Domain.Common;
using Mediator;

namespace KeyBox.Application.Accounts.Queries.GetMe;

/// <summary>The account the request acts for.</summary>
public sealed record GetMeQuery : IQuery<UserDto>;

public sealed class GetMeQueryHandler(IUserRepository users, ICurrentActor actor) : IQueryHandler<GetMeQuery, UserDto>
{
    public async ValueTask<UserDto> Handle(GetMeQuery query, CancellationToken cancellationToken)
    {
        var user = actor.UserId is { } id ? await users.GetByIdAsync(id, cancellationToken) : null;
        return user is null
            ? throw new DomainException(ErrorCodes.Unauthorized, "The account this token was issued for no longer exists.")
            : user.ToDto();
    }
}
