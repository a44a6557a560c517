using KeyBox.Domain.Usage;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Licenses;
using Mediator;

namespace KeyBox.Application.Licenses.Queries.ValidateLicense;

/// <summary>
/// KeyBox's <c>/validate</c>: does the caller at this place (machine, instance) hold a usable activation of the license
/// with this code? Never throws for a business outcome — an unknown code (or one of another product than
/// <c>ProductName</c>) is <see cref="PlaceCheckOutcome.Invalid"/>. One read; a successful validation is recorded as
/// the activation's last verification, in batches (no write on this path).
/// </summary>
public sealed record ValidateLicenseQuery(string Key, string? ProductName, ActivationPlace Place) : IQuery<LicenseValidation>;

public sealed record LicenseValidation(
    PlaceCheckOutcome Outcome,
    string Message,
    string? LicenseCode,
    string? ProductName,
    LicenseStatus? Status,
    DateTimeOffset? ExpiresAt,
    int? DurationMonths,
    IReadOnlyList<string> Services,
    ActivationDto? Activation)
{
    public bool IsValid => Outcome == PlaceCheckOutcome.Active;
}

public sealed class ValidateLicenseQueryHandler(
    ILicenseReads licenses,
    IActivationVerificationRecorder recorder,
    IUsageCounter usage,
    TimeProvider clock) : IQueryHandler<ValidateLicenseQuery, LicenseValidation>
{
    public async ValueTask<LicenseValidation> Handle(ValidateLicenseQuery query, CancellationToken cancellationToken)
    {
        var code = query.Key.Trim();
        var found = await licenses.FindByCodeAsync(code, cancellationToken);
        if (found is null
            || (!string.IsNullOrWhiteSpace(query.ProductName) && !string.Equals(found.Product.Name, query.ProductName.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            return new LicenseValidation(PlaceCheckOutcome.Invalid, "License not found.", null, null, null, null, null, [], null);
        }

        var now = clock.GetUtcNow();
        var license = found.License;
        var check = license.CheckAt(found.Product, query.Place, now);
        if (check.Activation is { } activation)
        {
            recorder.Record(activation.Id, now, query.Place.Ip);
            usage.Count(license.OwnerId, license.ProductId, UsageKind.Verification, now);
        }

        return new LicenseValidation(
            check.Outcome,
            check.Message,
            license.LicenseCode,
            found.Product.Name,
            license.StatusAt(now),
            license.ExpiresAt,
            license.DurationMonths,
            license.Services,
            check.Activation?.ToDto());
    }
}
