using KeyBox.Application.Accounts;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Models;
using KeyBox.Application.Common.Security;
using Mediator;

namespace KeyBox.Application.Users.Queries.ListUsers;

/// <summary>Every account, oldest first (ADMIN only).</summary>
public sealed record ListUsersQuery(PageRequest Page) : IQuery<Page<UserDto>>, IAdminOnly;

public sealed class ListUsersQueryHandler(IReadStore store) : IQueryHandler<ListUsersQuery, Page<UserDto>>
{
    public async ValueTask<Page<UserDto>> Handle(ListUsersQuery query, CancellationToken cancellationToken) =>
        await store.Users.ToKeysetPageAsync(
            u => u.Id,
            u => new UserDto(u.Id, u.Name, u.Email, u.Role, u.IsActive, u.CreatedAt),
            u => u.Id,
            query.Page,
            cancellationToken);
}
