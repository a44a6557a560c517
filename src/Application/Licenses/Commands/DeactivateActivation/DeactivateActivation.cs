using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Usage;
using KeyBox.Domain.Common;
using KeyBox.Domain.Licenses;
using Mediator;

namespace KeyBox.Application.Licenses.Commands.DeactivateActivation;

/// <summary>Admin: frees an activation's seat.</summary>
public sealed record DeactivateActivationCommand(Guid ActivationId) : ICommand<ActivationDto>;

public sealed class DeactivateActivationCommandHandler(
    ILicenseRepository licenses,
    IUnitOfWork unitOfWork,
    IUsageCounter usage,
    TimeProvider clock) : ICommandHandler<DeactivateActivationCommand, ActivationDto>
{
    public async ValueTask<ActivationDto> Handle(DeactivateActivationCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
        var license = await licenses.GetWithActivationAsync(command.ActivationId, cancellationToken)
            ?? throw new DomainException(ErrorCodes.ActivationNotFound, "Activation not found.");
        var activation = license.Deactivate(command.ActivationId, clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        usage.Count(license.OwnerId, license.ProductId, UsageKind.Deactivation, clock.GetUtcNow());
        return activation.ToDto();
    }
}
