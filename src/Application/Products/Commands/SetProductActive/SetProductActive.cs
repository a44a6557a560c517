using KeyBox.Application.Audit;
using KeyBox.Domain.Common;
using KeyBox.Domain.Products;
using Mediator;

namespace KeyBox.Application.Products.Commands.SetProductActive;

/// <summary>Activates or deactivates a product; licenses of an inactive product are not usable.</summary>
public sealed record SetProductActiveCommand(string ReferenceId, bool Active) : ICommand<ProductDto>, IAuditedCommand
{
    public string AuditAction => Active ? "product.activated" : "product.deactivated";
}

public sealed class SetProductActiveCommandHandler(
    IProductRepository products,
    IUnitOfWork unitOfWork,
    TimeProvider clock) : ICommandHandler<SetProductActiveCommand, ProductDto>
{
    public async ValueTask<ProductDto> Handle(SetProductActiveCommand command, CancellationToken cancellationToken)
    {
        var product = await products.GetRequiredAsync(command.ReferenceId, cancellationToken);
        if (command.Active)
        {
            product.Activate(clock.GetUtcNow());
        }
        else
        {
            product.Deactivate(clock.GetUtcNow());
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return product.ToDto();
    }
}
