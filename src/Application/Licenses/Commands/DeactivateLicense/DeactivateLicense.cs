using KeyBox.Domain.Usage;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Domain.Licenses;
using Mediator;

namespace KeyBox.Application.Licenses.Commands.DeactivateLicense;

/// <summary>The caller gives up its activation (by token, or by code from its place); the seat is free at once.</summary>
public sealed record DeactivateLicenseCommand(string? ProductReferenceId, string? LicenseData, string? LicenseCode, ActivationPlace Place) : ICommand<DeactivationResult>;

public sealed record DeactivationResult(Guid LicenseId, Guid ActivationId, string ProductReferenceId, string ProductName);

/// <summary>
/// By token, the activation the token names is read only once, with its license under the row lock (the checks of
/// <see cref="ActivationLocator"/> are made on those rows, in the same order and with the same codes) and the product
/// from the read cache; by license code + place, the locator finds the activation first.
/// </summary>
public sealed class DeactivateLicenseCommandHandler(
    ActivationLocator locator,
    ILicenseRepository licenses,
    ILicenseTokenService tokens,
    ICatalogReads catalogs,
    IUnitOfWork unitOfWork,
    IUsageCounter usage,
    TimeProvider clock) : ICommandHandler<DeactivateLicenseCommand, DeactivationResult>
{
    public async ValueTask<DeactivationResult> Handle(DeactivateLicenseCommand command, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(command.LicenseData))
        {
            return await DeactivateByTokenAsync(command, cancellationToken);
        }

        var context = await locator.LocateAsync(command.ProductReferenceId, command.LicenseData, command.LicenseCode, command.Place, cancellationToken);
        await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
        var license = await licenses.GetWithActivationAsync(context.Activation.Id, cancellationToken)
            ?? throw ActivationLocator.NotAssigned(ErrorCodes.ActivationNotFound);
        var activation = license.Activations.Single(a => a.Id == context.Activation.Id);
        if (!activation.IsActive)
        {
            throw ActivationLocator.NotAssigned(ErrorCodes.ActivationNotFound);
        }

        license.Deactivate(activation.Id, clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        usage.Count(license.OwnerId, license.ProductId, UsageKind.Deactivation, clock.GetUtcNow());
        return new DeactivationResult(license.Id, activation.Id, context.Product.ReferenceId, context.Product.Name);
    }

    private async Task<DeactivationResult> DeactivateByTokenAsync(DeactivateLicenseCommand command, CancellationToken cancellationToken)
    {
        var claims = await tokens.ReadRequiredAsync(command.LicenseData, cancellationToken);
        await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
        // The owner filter applies to the license as it does to the locator's read: another owner's token is not assigned.
        var license = await licenses.GetWithActivationAsync(claims.ActivationId, cancellationToken);
        var activation = license?.Activations.SingleOrDefault(a => a.Id == claims.ActivationId);
        ActivationLocator.EnsureTokenCurrent(claims.LicenseId, license, activation);
        var product = await catalogs.FindProductAsync(license.ProductId, cancellationToken)
            ?? throw ActivationLocator.NotAssigned(ErrorCodes.LicenseDataInvalid);
        ActivationLocator.EnsurePresentedRightly(activation, product, command.ProductReferenceId, command.Place);

        license.Deactivate(activation.Id, clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        usage.Count(license.OwnerId, license.ProductId, UsageKind.Deactivation, clock.GetUtcNow());
        return new DeactivationResult(license.Id, activation.Id, product.ReferenceId, product.Name);
    }
}
