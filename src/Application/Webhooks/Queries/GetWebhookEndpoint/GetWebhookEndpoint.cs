using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Webhooks.Queries.GetWebhookEndpoint;

public sealed record GetWebhookEndpointQuery(Guid Id) : IQuery<WebhookEndpointDto>;

public sealed class GetWebhookEndpointQueryHandler(IReadStore store) : IQueryHandler<GetWebhookEndpointQuery, WebhookEndpointDto>
{
    public async ValueTask<WebhookEndpointDto> Handle(GetWebhookEndpointQuery query, CancellationToken cancellationToken) =>
        await store.WebhookEndpoints.Where(e => e.Id == query.Id).Select(WebhookEndpointDto.Projection).FirstOrDefaultAsync(cancellationToken)
        ?? throw new DomainException(ErrorCodes.WebhookNotFound, "Webhook not found.");
}
