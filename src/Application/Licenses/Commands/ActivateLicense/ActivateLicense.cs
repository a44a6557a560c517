using KeyBox.Domain.Usage;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Licenses.Files;
using KeyBox.Domain.Common;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;
using Mediator;

namespace KeyBox.Application.Licenses.Commands.ActivateLicense;

/// <summary>
/// Activates a license at the caller's place and issues a fresh token. The product may be omitted when the
/// license code is given (codes are globally unique). Serves every surface's activation route. KeyBox SDKs name the
/// product by <c>ProductName</c> (compared case-insensitively) instead; a license of another product is not found.
/// </summary>
public sealed record ActivateLicenseCommand(string? ProductReferenceId, string LicenseCode, ActivationPlace Place, string? ProductName = null) : ICommand<ActivationResult>;

public sealed record ActivationResult(
    Guid LicenseId,
    string LicenseCode,
    string ProductReferenceId,
    string ProductName,
    ActivationDto Activation,
    bool WasAlreadyActive,
    string Token,
    LicenseStatus Status,
    DateTimeOffset? ExpiresAt,
    ActivatedLicenseTerms? Terms = null,
    bool SameInstanceAgain = false,
    string? LicenseFile = null);

/// <summary>The license's terms as they stand after the activation (KeyBox answers with them).</summary>
public sealed record ActivatedLicenseTerms(Guid ProductId, Guid? CustomerId, int? DurationMonths, IReadOnlyList<string> Services, DateTimeOffset IssuedAt);

public sealed class ActivateLicenseCommandHandler(
    ILicenseRepository licenses,
    ICatalogReads catalogs,
    IUnitOfWork unitOfWork,
    ILicenseTokenService tokens,
    IUsageCounter usage,
    ILicenseSigner signer,
    TimeProvider clock) : ICommandHandler<ActivateLicenseCommand, ActivationResult>
{
    public async ValueTask<ActivationResult> Handle(ActivateLicenseCommand command, CancellationToken cancellationToken)
    {
        Product? requested = null;
        if (!string.IsNullOrWhiteSpace(command.ProductReferenceId))
        {
            requested = await catalogs.FindProductAsync(command.ProductReferenceId.Trim(), cancellationToken)
                ?? throw new DomainException(ErrorCodes.ProductNotFound, "The product was not found.");
        }

        await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
        var license = await licenses.GetForActivationAsync(command.LicenseCode.Trim(), cancellationToken);
        if (license is null || (requested is not null && license.ProductId != requested.Id))
        {
            throw new DomainException(ErrorCodes.LicenseNotFound, "Your license code is invalid.");
        }

        var product = requested ?? await catalogs.FindProductAsync(license.ProductId, cancellationToken)
            ?? throw new DomainException(ErrorCodes.ProductNotFound, "The product was not found.");
        if (!string.IsNullOrWhiteSpace(command.ProductName) && !string.Equals(product.Name, command.ProductName.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException(ErrorCodes.LicenseNotFound, "Your license code is invalid.");
        }

        var now = clock.GetUtcNow();
        var activeBefore = license.Activations.Where(a => a.IsActive).ToDictionary(a => a.Id, a => a.InstanceId);
        var activation = license.Activate(product, command.Place, now);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        usage.Count(license.OwnerId, license.ProductId, UsageKind.Activation, now);

        var token = tokens.Issue(new LicenseTokenClaims(activation.Id, license.Id, product.Id, now));
        var licenseFile = signer.IssueLicenseFile(LicenseFiles.TermsOf(license, product, activation, now), now);
        return new ActivationResult(
            license.Id, license.LicenseCode, product.ReferenceId, product.Name, activation.ToDto(),
            activeBefore.ContainsKey(activation.Id), token, license.StatusAt(now), license.ExpiresAt,
            new ActivatedLicenseTerms(license.ProductId, license.CustomerId, license.DurationMonths, license.Services, license.CreatedAt),
            activeBefore.TryGetValue(activation.Id, out var instanceBefore) && instanceBefore == activation.InstanceId,
            licenseFile);
    }
}
