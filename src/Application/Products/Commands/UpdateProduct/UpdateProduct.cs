using KeyBox.Domain.Common;
using KeyBox.Domain.Products;
using Mediator;

namespace KeyBox.Application.Products.Commands.UpdateProduct;

/// <summary>Replaces a product's editable fields; a null field keeps its current value.</summary>
public sealed record UpdateProductCommand(
    string ReferenceId,
    string? Name,
    string? Description,
    string? EnvatoId,
    bool? LicenseUpdate,
    bool? ServeLatestUpdates,
    bool? IsActive) : ICommand<ProductDto>;

public sealed class UpdateProductCommandHandler(
    IProductRepository products,
    IUnitOfWork unitOfWork,
    TimeProvider clock) : ICommandHandler<UpdateProductCommand, ProductDto>
{
    public async ValueTask<ProductDto> Handle(UpdateProductCommand command, CancellationToken cancellationToken)
    {
        var product = await products.GetRequiredAsync(command.ReferenceId, cancellationToken);
        product.Update(
            command.Name ?? product.Name,
            new ProductDetails(
                command.Description ?? product.Description,
                command.EnvatoId ?? product.EnvatoId,
                command.LicenseUpdate ?? product.LicenseUpdate,
                command.ServeLatestUpdates ?? product.ServeLatestUpdates,
                command.IsActive ?? product.IsActive),
            clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return product.ToDto();
    }
}
