using KeyBox.Application.Accounts;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Queries;
using KeyBox.Application.Common.Security;
using KeyBox.Domain.Common;
using Mediator;

namespace KeyBox.Application.Users.Queries.GetUser;

/// <summary>One account (ADMIN only).</summary>
public sealed record GetUserQuery(Guid Id) : IQuery<UserDto>, IAdminOnly;

public sealed class GetUserQueryHandler(IReadStore store) : IQueryHandler<GetUserQuery, UserDto>
{
    public ValueTask<UserDto> Handle(GetUserQuery query, CancellationToken cancellationToken) =>
        store.Users
            .Where(u => u.Id == query.Id)
            .Select(u => new UserDto(u.Id, u.Name, u.Email, u.Role, u.IsActive, u.CreatedAt))
            .FirstOrNotFoundAsync(ErrorCodes.NotFound, "User not found.", cancellationToken);
}
