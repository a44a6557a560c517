using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Domain.Licenses;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Licenses.Queries.CheckLicense;

/// <summary>A license's state without activating it: whether it is usable, and why not.</summary>
public sealed record CheckLicenseQuery(string LicenseCode, string? ProductReferenceId) : IQuery<LicenseCheckResult>;

public sealed record LicenseCheckResult(LicenseDto License, string ProductName, bool IsUsable, string? FailureCode, string Message);

public sealed class CheckLicenseQueryHandler(IReadStore store, TimeProvider clock) : IQueryHandler<CheckLicenseQuery, LicenseCheckResult>
{
    public async ValueTask<LicenseCheckResult> Handle(CheckLicenseQuery query, CancellationToken cancellationToken)
    {
        var code = query.LicenseCode.Trim();
        var found = await (from l in store.Licenses
                           join p in store.Products on l.ProductId equals p.Id
                           where l.LicenseCode == code
                           select new { License = l, Product = p }).FirstOrDefaultAsync(cancellationToken);
        if (found is null || (!string.IsNullOrWhiteSpace(query.ProductReferenceId) && found.Product.ReferenceId != query.ProductReferenceId.Trim()))
        {
            throw new DomainException(ErrorCodes.LicenseNotFound, "Your license code is invalid.");
        }

        var now = clock.GetUtcNow();
        var dto = await store.GetDtoAsync(found.License.Id, now, cancellationToken);
        try
        {
            found.License.EnsureUsable(found.Product, now);
            return new LicenseCheckResult(dto, found.Product.Name, true, null, dto.Status == LicenseStatus.Pending
                ? "The license is valid and waiting for its first activation."
                : "The license is valid.");
        }
        catch (DomainException rule)
        {
            return new LicenseCheckResult(dto, found.Product.Name, false, rule.Code, rule.Message);
        }
    }
}
