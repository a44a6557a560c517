using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Licenses.Commands.DeactivateLicense;
using KeyBox.Domain.Common;
using KeyBox.Domain.Licenses;
using FluentValidation;
using Mediator;

namespace KeyBox.Application.Licenses.Commands.OfflineDeactivation;

/// <summary>
/// Offline deactivation: the license file of a machine-bound activation (signed by this server, with a published key)
/// frees that activation's seat. An expired file still proves which seat it was issued for, and is accepted.
/// </summary>
public sealed record OfflineDeactivationCommand(string? LicenseFile) : ICommand<DeactivationResult>;

public sealed class OfflineDeactivationCommandHandler(
    ILicenseSigner signer,
    ILicenseRepository licenses,
    IUnitOfWork unitOfWork,
    TimeProvider clock) : ICommandHandler<OfflineDeactivationCommand, DeactivationResult>
{
    public async ValueTask<DeactivationResult> Handle(OfflineDeactivationCommand command, CancellationToken cancellationToken)
    {
        var claims = await signer.ReadLicenseFileAsync(command.LicenseFile!, cancellationToken);
        var machine = claims.License.Machine
            ?? throw new DomainException(ErrorCodes.LicenseFileInvalid, "This license file is not bound to a machine; deactivate it online with its license_data.");

        await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
        var license = await licenses.GetForActivationAsync(claims.Subject, cancellationToken);
        var activation = license?.Activations.FirstOrDefault(a => a.IsActive && string.Equals(a.MachineId, machine, StringComparison.Ordinal)
            && (a.Domain is null || claims.License.Domains.Contains(a.Domain, StringComparer.Ordinal)));
        if (license is null || activation is null)
        {
            throw new DomainException(ErrorCodes.ActivationNotFound, "No active activation holds this license file's machine.");
        }

        license.Deactivate(activation.Id, clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new DeactivationResult(license.Id, activation.Id, claims.License.ProductId, string.Empty);
    }
}

public sealed class OfflineDeactivationCommandValidator : AbstractValidator<OfflineDeactivationCommand>
{
    /// <summary>Far above any license file the server issues (well under 2 KB).</summary>
    public const int MaxLength = 16_384;

    public OfflineDeactivationCommandValidator() =>
        RuleFor(c => c.LicenseFile).NotEmpty().WithMessage("The license_file field is required.")
            .MaximumLength(MaxLength).WithMessage($"The license_file may not be longer than {MaxLength} characters.");
}
