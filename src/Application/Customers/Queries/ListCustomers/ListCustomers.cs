using KeyBox.Application.Common.Interfaces;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Customers.Queries.ListCustomers;

/// <summary>Every customer the caller may see (a developer's own; all for an admin), oldest first.</summary>
public sealed record ListCustomersQuery : IQuery<IReadOnlyList<CustomerDto>>;

public sealed class ListCustomersQueryHandler(IReadStore store) : IQueryHandler<ListCustomersQuery, IReadOnlyList<CustomerDto>>
{
    public async ValueTask<IReadOnlyList<CustomerDto>> Handle(ListCustomersQuery query, CancellationToken cancellationToken) =>
        await store.Customers
            .OrderBy(c => c.Id)
            .ProjectToDto()
            .ToListAsync(cancellationToken);
}
