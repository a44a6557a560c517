using KeyBox.Application.ApiKeys.Commands.CreateApiKey;
using KeyBox.Application.ApiKeys.Commands.RevokeApiKey;
using KeyBox.Application.ApiKeys.Queries.ListApiKeys;
using KeyBox.WebApi.Contracts.Internal;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.Internal;

[Route("api/internal/api-keys")]
[Tags("Internal: API keys")]
public sealed class ApiKeysController(IMediator mediator) : InternalApiController(mediator)
{
    /// <summary>Lists API keys (never their plain values).</summary>
    [HttpGet(Name = "Internal_ListApiKeys")]
    [ProducesResponseType<InternalPage<ApiKeyResource>>(StatusCodes.Status200OK)]
    public async Task<InternalPage<ApiKeyResource>> List([FromQuery] PagingQuery paging, CancellationToken cancellationToken) =>
        PageOf(await Mediator.Send(new ListApiKeysQuery(PageRequestOf(paging)), cancellationToken), ApiKeyResource.From, "API keys retrieved successfully.");

    /// <summary>Creates a key; the response carries the plain key, shown this once.</summary>
    [HttpPost(Name = "Internal_CreateApiKey")]
    [ProducesResponseType<InternalEnvelope<CreatedApiKeyResource>>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Create(CreateApiKeyRequest request, CancellationToken cancellationToken)
    {
        var issued = await Mediator.Send(new CreateApiKeyCommand(request.Name ?? string.Empty, request.Type, request.ExpiresAt), cancellationToken);
        return CreatedEnvelope(CreatedApiKeyResource.From(issued), "API key created successfully. Store the key now: it is not shown again.");
    }

    /// <summary>Revokes a key.</summary>
    [HttpDelete("{id:guid}", Name = "Internal_RevokeApiKey")]
    [ProducesResponseType<InternalEnvelope<ApiKeyResource>>(StatusCodes.Status200OK)]
    [ProducesResponseType<InternalError>(StatusCodes.Status404NotFound)]
    public async Task<InternalEnvelope<ApiKeyResource>> Revoke(Guid id, CancellationToken cancellationToken) =>
        Envelope(ApiKeyResource.From(await Mediator.Send(new RevokeApiKeyCommand(id), cancellationToken)), "API key revoked successfully.");
}
