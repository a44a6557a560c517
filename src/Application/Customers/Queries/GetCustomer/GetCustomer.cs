using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Queries;
using KeyBox.Domain.Common;
using Mediator;

namespace KeyBox.Application.Customers.Queries.GetCustomer;

public sealed record GetCustomerQuery(Guid Id) : IQuery<CustomerDto>;

public sealed class GetCustomerQueryHandler(IReadStore store) : IQueryHandler<GetCustomerQuery, CustomerDto>
{
    public ValueTask<CustomerDto> Handle(GetCustomerQuery query, CancellationToken cancellationToken) =>
        store.Customers.Where(c => c.Id == query.Id).ProjectToDto()
            .FirstOrNotFoundAsync(ErrorCodes.CustomerNotFound, "Client not found.", cancellationToken);
}
