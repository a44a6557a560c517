using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Models;
using Mediator;
using Microsoft.Extensions.Options;

namespace KeyBox.Application.Customers.Queries.ListCustomers;

/// <summary>
/// The customers the caller may see (a developer's own; all for an admin), oldest first, a page at a time: at most
/// <see cref="ListOptions.MaxItems"/> per page whatever the request asks.
/// </summary>
public sealed record ListCustomersQuery(PageRequest Page) : IQuery<Page<CustomerDto>>;

public sealed class ListCustomersQueryHandler(IReadStore store, IOptions<ListOptions> options) : IQueryHandler<ListCustomersQuery, Page<CustomerDto>>
{
    public async ValueTask<Page<CustomerDto>> Handle(ListCustomersQuery query, CancellationToken cancellationToken) =>
        await store.Customers.ToKeysetPageAsync(
            c => c.Id,
            c => new CustomerDto(c.Id, c.Name, c.Email, c.Reference, c.OwnerId, c.CreatedAt, c.UpdatedAt),
            c => c.Id,
            query.Page with { MaxSize = options.Value.EffectiveMaxItems },
            cancellationToken);
}
