using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Licenses.Queries.GetLicense;

/// <summary>A license by id or by code.</summary>
public sealed record GetLicenseQuery(Guid? Id, string? LicenseCode = null) : IQuery<LicenseDto>;

public sealed class GetLicenseQueryHandler(IReadStore store, TimeProvider clock) : IQueryHandler<GetLicenseQuery, LicenseDto>
{
    public async ValueTask<LicenseDto> Handle(GetLicenseQuery query, CancellationToken cancellationToken)
    {
        var rows = store.Rows();
        rows = query.Id is { } id ? rows.Where(r => r.Id == id) : rows.Where(r => r.LicenseCode == query.LicenseCode);
        var row = await rows.FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainException(ErrorCodes.LicenseNotFound, "License not found.");
        return row.ToDto(clock.GetUtcNow());
    }
}
