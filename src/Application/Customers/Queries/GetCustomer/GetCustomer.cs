using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Customers.Queries.GetCustomer;

public sealed record GetCustomerQuery(Guid Id) : IQuery<CustomerDto>;

public sealed class GetCustomerQueryHandler(IReadStore store) : IQueryHandler<GetCustomerQuery, CustomerDto>
{
    public async ValueTask<CustomerDto> Handle(GetCustomerQuery query, CancellationToken cancellationToken) =>
        await store.Customers
            .Where(c => c.Id == query.Id)
            .ProjectToDto()
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw new DomainException(ErrorCodes.CustomerNotFound, "Client not found.");
}
