using KeyBox.Domain.Usage;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Domain.Licenses;
using Mediator;

namespace KeyBox.Application.Licenses.Queries.VerifyLicense;

/// <summary>
/// Verifies that the caller holds a usable activation. The hot path: at most one read (none when the activation
/// was seen recently, through <see cref="IActivationReads"/>), no synchronous write (the verification time is
/// recorded in batches). Expiry is evaluated here, at read time, so it needs no invalidation.
/// </summary>
public sealed record VerifyLicenseQuery(string? ProductReferenceId, string? LicenseData, string? LicenseCode, ActivationPlace Place) : IQuery<VerificationResult>;

public sealed record VerificationResult(Guid LicenseId, Guid ActivationId, string LicenseCode, string ProductReferenceId, string ProductName, LicenseStatus Status, DateTimeOffset? ExpiresAt);

public sealed class VerifyLicenseQueryHandler(
    ActivationLocator locator,
    IActivationVerificationRecorder recorder,
    IUsageCounter usage,
    TimeProvider clock) : IQueryHandler<VerifyLicenseQuery, VerificationResult>
{
    public async ValueTask<VerificationResult> Handle(VerifyLicenseQuery query, CancellationToken cancellationToken)
    {
        var context = await locator.LocateAsync(query.ProductReferenceId, query.LicenseData, query.LicenseCode, query.Place, cancellationToken);
        var now = clock.GetUtcNow();
        try
        {
            context.License.EnsureUsable(context.Product, query.Place, now);
        }
        catch (DomainException rule)
        {
            throw ActivationLocator.NotAssigned(rule.Code);
        }

        recorder.Record(context.Activation.Id, now, query.Place.Ip);
        usage.Count(context.License.OwnerId, context.License.ProductId, UsageKind.Verification, now);
        return new VerificationResult(context.License.Id, context.Activation.Id, context.License.LicenseCode, context.Product.ReferenceId,
            context.Product.Name, context.License.StatusAt(now), context.License.ExpiresAt);
    }
}
