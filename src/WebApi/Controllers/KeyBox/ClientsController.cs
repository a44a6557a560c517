using KeyBox.Application.Customers.Commands.CreateCustomer;
using KeyBox.Application.Customers.Commands.DeleteCustomer;
using KeyBox.Application.Customers.Commands.UpdateCustomer;
using KeyBox.Application.Customers.Queries.GetCustomer;
using KeyBox.Application.Customers.Queries.ListCustomers;
using KeyBox.WebApi.Contracts.KeyBox;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using NSwag.Annotations;

namespace KeyBox.WebApi.Controllers.KeyBox;

/// <summary>Clients (customers of the vendor). A developer sees only their own; an admin sees all. Another owner's client is 404.</summary>
[Route("clients")]
[Tags("KeyBox: clients")]
[ProducesResponseType<KeyBoxError>(StatusCodes.Status404NotFound)]
[ProducesResponseType<KeyBoxError>(StatusCodes.Status400BadRequest)]
[ProducesResponseType<KeyBoxError>(StatusCodes.Status401Unauthorized)]
public sealed class ClientsController(IMediator mediator) : KeyBoxApiController(mediator)
{
    [OpenApiOperation("Adds a client", "Adds a client; its email must be unique among the caller's clients (409 otherwise).")]
    [HttpPost(Name = "KeyBox_CreateClient")]
    [ProducesResponseType<KeyBoxEnvelope<ClientResource>>(StatusCodes.Status201Created)]
    [ProducesResponseType<KeyBoxError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Create(ClientRequest request, CancellationToken cancellationToken) =>
        CreatedEnvelope(ClientResource.From(await Mediator.Send(new CreateCustomerCommand(request.Name, request.Email), cancellationToken)), "Client created successfully.");

    /// <summary>
    /// The caller's clients, oldest first (an admin's: everyone's): at most Lists:MaxItems (default 1,000) per call;
    /// meta.hasMore and a Link rel="next" header say when more exist (follow meta.nextCursor as cursor).
    /// </summary>
    [HttpGet(Name = "KeyBox_ListClients")]
    [ProducesResponseType<KeyBoxList<ClientResource>>(StatusCodes.Status200OK)]
    public async Task<KeyBoxList<ClientResource>> List([FromQuery] KeyBoxPagingQuery paging, CancellationToken cancellationToken) =>
        ListOf(await Mediator.Send(new ListCustomersQuery(PageRequestOf(paging)), cancellationToken), ClientResource.From, "Clients retrieved successfully.");

    [HttpGet("{id:guid}", Name = "KeyBox_GetClient")]
    [ProducesResponseType<KeyBoxEnvelope<ClientResource>>(StatusCodes.Status200OK)]
    public async Task<KeyBoxEnvelope<ClientResource>> Get(Guid id, CancellationToken cancellationToken) =>
        Envelope(ClientResource.From(await Mediator.Send(new GetCustomerQuery(id), cancellationToken)), "Client retrieved successfully.");

    [OpenApiOperation("Replaces a client's name and email (both required)", "Replaces a client's name and email (both required).")]
    [HttpPut("{id:guid}", Name = "KeyBox_ReplaceClient")]
    [ProducesResponseType<KeyBoxEnvelope<ClientResource>>(StatusCodes.Status200OK)]
    [ProducesResponseType<KeyBoxError>(StatusCodes.Status409Conflict)]
    public async Task<KeyBoxEnvelope<ClientResource>> Replace(Guid id, ClientRequest request, CancellationToken cancellationToken) =>
        Envelope(ClientResource.From(await Mediator.Send(new UpdateCustomerCommand(id, request.Name, request.Email, Partial: false), cancellationToken)), "Client updated successfully.");

    [OpenApiOperation("Changes the fields given", "Changes the fields given; the others keep their values.")]
    [HttpPatch("{id:guid}", Name = "KeyBox_UpdateClient")]
    [ProducesResponseType<KeyBoxEnvelope<ClientResource>>(StatusCodes.Status200OK)]
    [ProducesResponseType<KeyBoxError>(StatusCodes.Status409Conflict)]
    public async Task<KeyBoxEnvelope<ClientResource>> Update(Guid id, ClientRequest request, CancellationToken cancellationToken) =>
        Envelope(ClientResource.From(await Mediator.Send(new UpdateCustomerCommand(id, request.Name, request.Email, Partial: true), cancellationToken)), "Client updated successfully.");

    [OpenApiOperation("Deletes a client", "Deletes a client. Its licenses and projects are kept and detached (their clientId becomes null); licenses in use keep working. data is the deleted client.")]
    [HttpDelete("{id:guid}", Name = "KeyBox_DeleteClient")]
    [ProducesResponseType<KeyBoxEnvelope<ClientResource>>(StatusCodes.Status200OK)]
    public async Task<KeyBoxEnvelope<ClientResource>> Delete(Guid id, CancellationToken cancellationToken) =>
        Envelope(ClientResource.From(await Mediator.Send(new DeleteCustomerCommand(id), cancellationToken)), "Client deleted successfully.");
}
