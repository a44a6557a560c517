using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;
using Mediator;

namespace KeyBox.Application.Licenses.Commands.ReactivateActivation;

/// <summary>Admin: puts a deactivated activation back in use (needs a free seat).</summary>
public sealed record ReactivateActivationCommand(Guid ActivationId) : ICommand<ActivationDto>;

public sealed class ReactivateActivationCommandHandler(
    ILicenseRepository licenses,
    IProductRepository products,
    IUnitOfWork unitOfWork,
    IUsageCounter usage,
    TimeProvider clock) : ICommandHandler<ReactivateActivationCommand, ActivationDto>
{
    public async ValueTask<ActivationDto> Handle(ReactivateActivationCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
        var license = await licenses.GetWithActivationAsync(command.ActivationId, cancellationToken)
            ?? throw new DomainException(ErrorCodes.ActivationNotFound, "Activation not found.");
        var product = await products.GetByIdAsync(license.ProductId, cancellationToken)
            ?? throw new DomainException(ErrorCodes.ProductNotFound, "Product not found.");
        var activation = license.Reactivate(command.ActivationId, product, clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        usage.Count(license.OwnerId, license.ProductId, KeyBox.Domain.Usage.UsageKind.Activation, clock.GetUtcNow());
        return activation.ToDto();
    }
}
