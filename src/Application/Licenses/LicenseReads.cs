using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Domain.Licenses;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Licenses;

/// <summary>Shared read projections of licenses: one query joins product, customer and the active seat count.</summary>
internal static class LicenseReads
{
    public static IQueryable<LicenseRow> Rows(this IReadStore store) => store.Rows(store.Licenses);

    /// <summary>The rows of the given licenses (a filtered <see cref="IReadStore.Licenses"/>).</summary>
    public static IQueryable<LicenseRow> Rows(this IReadStore store, IQueryable<License> licenses) =>
        from l in licenses
        join p in store.Products on l.ProductId equals p.Id
        join c in store.Customers on l.CustomerId equals c.Id into customers
        from c in customers.DefaultIfEmpty()
        select new LicenseRow
        {
            Id = l.Id,
            LicenseCode = l.LicenseCode,
            ProductId = l.ProductId,
            ProductReferenceId = p.ReferenceId,
            CustomerId = l.CustomerId,
            CustomerReference = c == null ? null : c.Reference,
            Type = l.Type,
            Email = l.Email,
            ParallelUses = l.ParallelUses,
            ActiveActivations = store.Activations.Count(a => a.LicenseId == l.Id && a.IsActive),
            ExpiresAt = l.ExpiresAt,
            DurationMonths = l.DurationMonths,
            UpdatesUntil = l.UpdatesUntil,
            Domains = l.Domains,
            Ips = l.Ips,
            Services = l.Services,
            IsValid = l.IsValid,
            IsBlocked = l.IsBlocked,
            IsEnvato = l.IsEnvato,
            FirstActivatedAt = l.FirstActivatedAt,
            OwnerId = l.OwnerId,
            CreatedAt = l.CreatedAt,
            UpdatedAt = l.UpdatedAt,
        };

    public static async Task<LicenseDto> GetDtoAsync(this IReadStore store, Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await store.Rows().FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new DomainException(ErrorCodes.LicenseNotFound, "License not found.");
        return row.ToDto(now);
    }
}
