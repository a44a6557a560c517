using KeyBox.Application.Products.Commands.CreateProduct;
using KeyBox.Application.Products.Commands.SetProductActive;
using KeyBox.Application.Products.Commands.UpdateProduct;
using KeyBox.Application.Products.Queries.GetProduct;
using KeyBox.Application.Products.Queries.ListProducts;
using KeyBox.WebApi.Contracts.Internal;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.Internal;

[Route("api/internal")]
[Tags("Internal: products")]
public sealed class ProductsController(IMediator mediator) : InternalApiController(mediator)
{
    /// <summary>Lists products, oldest first, a page at a time.</summary>
    [HttpGet("products", Name = "Internal_ListProducts")]
    [ProducesResponseType<InternalPage<ProductResource>>(StatusCodes.Status200OK)]
    public async Task<InternalPage<ProductResource>> List([FromQuery] PagingQuery paging, [FromQuery] string? search, CancellationToken cancellationToken)
    {
        var page = await Mediator.Send(new ListProductsQuery(PageRequestOf(paging), search), cancellationToken);
        return PageOf(page, ProductResource.From, "Products retrieved successfully.");
    }

    /// <summary>Creates a product; its reference_id must be unique.</summary>
    [HttpPost("products", Name = "Internal_CreateProduct")]
    [ProducesResponseType<InternalEnvelope<ProductResource>>(StatusCodes.Status201Created)]
    [ProducesResponseType<InternalError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Create(CreateProductRequest request, CancellationToken cancellationToken)
    {
        var product = await Mediator.Send(new CreateProductCommand(
            request.ReferenceId ?? string.Empty,
            request.Name ?? string.Empty,
            request.Description,
            request.EnvatoId,
            request.LicenseUpdate ?? false,
            request.ServeLatestUpdates ?? false,
            request.IsActive ?? true), cancellationToken);
        return CreatedEnvelope(ProductResource.From(product), "Product created successfully.");
    }

    [HttpGet("products/{reference_id}", Name = "Internal_GetProduct")]
    [ProducesResponseType<InternalEnvelope<ProductResource>>(StatusCodes.Status200OK)]
    [ProducesResponseType<InternalError>(StatusCodes.Status404NotFound)]
    public async Task<InternalEnvelope<ProductResource>> Get([FromRoute(Name = "reference_id")] string referenceId, CancellationToken cancellationToken) =>
        Envelope(ProductResource.From(await Mediator.Send(new GetProductQuery(referenceId), cancellationToken)), "Product retrieved successfully.");

    /// <summary>Updates a product; omitted fields keep their values.</summary>
    [HttpPut("products/{reference_id}", Name = "Internal_UpdateProduct")]
    [ProducesResponseType<InternalEnvelope<ProductResource>>(StatusCodes.Status200OK)]
    [ProducesResponseType<InternalError>(StatusCodes.Status404NotFound)]
    public async Task<InternalEnvelope<ProductResource>> Update([FromRoute(Name = "reference_id")] string referenceId, UpdateProductRequest request, CancellationToken cancellationToken)
    {
        var product = await Mediator.Send(new UpdateProductCommand(
            referenceId, request.Name, request.Description, request.EnvatoId, request.LicenseUpdate, request.ServeLatestUpdates, request.IsActive), cancellationToken);
        return Envelope(ProductResource.From(product), "Product updated successfully.");
    }

    /// <summary>Activates a product.</summary>
    [HttpPost("activated-products/{reference_id}", Name = "Internal_ActivateProduct")]
    [ProducesResponseType<InternalEnvelope<ProductResource>>(StatusCodes.Status200OK)]
    [ProducesResponseType<InternalError>(StatusCodes.Status404NotFound)]
    public async Task<InternalEnvelope<ProductResource>> Activate([FromRoute(Name = "reference_id")] string referenceId, CancellationToken cancellationToken) =>
        Envelope(ProductResource.From(await Mediator.Send(new SetProductActiveCommand(referenceId, true), cancellationToken)), "Product activated successfully.");

    /// <summary>Deactivates a product: its licenses stop being usable.</summary>
    [HttpDelete("activated-products/{reference_id}", Name = "Internal_DeactivateProduct")]
    [ProducesResponseType<InternalEnvelope<ProductResource>>(StatusCodes.Status200OK)]
    [ProducesResponseType<InternalError>(StatusCodes.Status404NotFound)]
    public async Task<InternalEnvelope<ProductResource>> Deactivate([FromRoute(Name = "reference_id")] string referenceId, CancellationToken cancellationToken) =>
        Envelope(ProductResource.From(await Mediator.Send(new SetProductActiveCommand(referenceId, false), cancellationToken)), "Product deactivated successfully.");
}
