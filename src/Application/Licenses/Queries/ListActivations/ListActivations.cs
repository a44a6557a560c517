using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Licenses.Queries.ListActivations;

/// <summary>A license's activations, active first, newest first.</summary>
public sealed record ListActivationsQuery(Guid LicenseId) : IQuery<IReadOnlyList<ActivationDto>>;

public sealed class ListActivationsQueryHandler(IReadStore store) : IQueryHandler<ListActivationsQuery, IReadOnlyList<ActivationDto>>
{
    public async ValueTask<IReadOnlyList<ActivationDto>> Handle(ListActivationsQuery query, CancellationToken cancellationToken)
    {
        if (!await store.Licenses.AnyAsync(l => l.Id == query.LicenseId, cancellationToken))
        {
            throw new DomainException(ErrorCodes.LicenseNotFound, "License not found.");
        }

        return await store.Activations
            .Where(a => a.LicenseId == query.LicenseId)
            .OrderByDescending(a => a.IsActive).ThenByDescending(a => a.ActivatedAt)
            .Take(1000)
            .Select(LicenseProjection.ActivationSelector)
            .ToListAsync(cancellationToken);
    }
}
