using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Licenses.Files;
using KeyBox.Domain.Common;
using KeyBox.Domain.Licenses;
using FluentValidation;
using Mediator;

namespace KeyBox.Application.Licenses.Queries.GetLicenseFile;

/// <summary>
/// A fresh license file for the activation a <c>license_data</c> token proves, refused exactly as verify refuses
/// (same locator, same usability check), bound to that activation's machine or domain.
/// </summary>
public sealed record GetLicenseFileQuery(string? ProductReferenceId, string? LicenseData, ActivationPlace Place) : IQuery<string>;

public sealed class GetLicenseFileQueryHandler(ActivationLocator locator, ILicenseSigner signer, TimeProvider clock) : IQueryHandler<GetLicenseFileQuery, string>
{
    public async ValueTask<string> Handle(GetLicenseFileQuery query, CancellationToken cancellationToken)
    {
        var context = await locator.LocateAsync(query.ProductReferenceId, query.LicenseData, licenseCode: null, query.Place, cancellationToken);
        var now = clock.GetUtcNow();
        try
        {
            context.License.EnsureUsable(context.Product, query.Place, now);
        }
        catch (DomainException rule)
        {
            throw ActivationLocator.NotAssigned(rule.Code);
        }

        return signer.IssueLicenseFile(LicenseFiles.TermsOf(context.License, context.Product, context.Activation, now), now);
    }
}

public sealed class GetLicenseFileQueryValidator : AbstractValidator<GetLicenseFileQuery>
{
    public GetLicenseFileQueryValidator() =>
        RuleFor(q => q.LicenseData).NotEmpty().WithMessage("The license_data field is required.");
}
