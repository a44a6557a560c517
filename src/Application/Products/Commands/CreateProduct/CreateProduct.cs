using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Domain.Products;
using Mediator;

namespace KeyBox.Application.Products.Commands.CreateProduct;

public sealed record CreateProductCommand(
    string ReferenceId,
    string Name,
    string? Description,
    string? EnvatoId,
    bool LicenseUpdate,
    bool ServeLatestUpdates,
    bool IsActive) : ICommand<ProductDto>;

public sealed class CreateProductCommandHandler(
    IProductRepository products,
    IUnitOfWork unitOfWork,
    ICurrentActor actor,
    TimeProvider clock) : ICommandHandler<CreateProductCommand, ProductDto>
{
    public async ValueTask<ProductDto> Handle(CreateProductCommand command, CancellationToken cancellationToken)
    {
        if (await products.ReferenceIdExistsAsync(command.ReferenceId.Trim(), cancellationToken))
        {
            throw new DomainException(ErrorCodes.Conflict, $"A product with reference_id '{command.ReferenceId}' already exists.", "ReferenceId");
        }

        var product = Product.Create(
            actor.OwnerIdForNewResources,
            command.ReferenceId,
            command.Name,
            new ProductDetails(command.Description, command.EnvatoId, command.LicenseUpdate, command.ServeLatestUpdates, command.IsActive),
            clock.GetUtcNow());
        products.Add(product);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return product.ToDto();
    }
}
