using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Models;
using Mediator;
using Microsoft.Extensions.Options;

namespace KeyBox.Application.Customers.Queries.ListCustomers;

/// <summary>
/// The customers the caller may see (a developer's own; all for an admin), oldest first, a page at a time: at most
/// <see cref="ListOptions.MaxItems"/> per page whatever the request asks. <c>Search</c> (optional) keeps the customers
/// whose name contains it, whose e-mail starts with it (both case-insensitively) or whose reference is it.
/// </summary>
public sealed record ListCustomersQuery(PageRequest Page, string? Search = null) : IQuery<Page<CustomerDto>>;

public sealed class ListCustomersQueryHandler(IReadStore store, IOptions<ListOptions> options) : IQueryHandler<ListCustomersQuery, Page<CustomerDto>>
{
    public async ValueTask<Page<CustomerDto>> Handle(ListCustomersQuery query, CancellationToken cancellationToken)
    {
        var customers = store.Customers;
        if (query.Search?.Trim() is { Length: > 0 } term)
        {
            var lowered = term.ToLowerInvariant();
            customers = customers.Where(c => c.Name.ToLower().Contains(lowered) || (c.Email != null && c.Email.StartsWith(lowered)) || c.Reference == term);
        }

        return await customers.ToKeysetPageAsync(
            c => c.Id,
            c => new CustomerDto(c.Id, c.Name, c.Email, c.Reference, c.OwnerId, c.CreatedAt, c.UpdatedAt),
            c => c.Id,
            query.Page with { MaxSize = options.Value.EffectiveMaxItems },
            cancellationToken);
    }
}
