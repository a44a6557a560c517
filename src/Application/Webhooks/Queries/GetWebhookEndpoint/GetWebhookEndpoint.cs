using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Queries;
using KeyBox.Domain.Common;
using Mediator;

namespace KeyBox.Application.Webhooks.Queries.GetWebhookEndpoint;

public sealed record GetWebhookEndpointQuery(Guid Id) : IQuery<WebhookEndpointDto>;

public sealed class GetWebhookEndpointQueryHandler(IReadStore store) : IQueryHandler<GetWebhookEndpointQuery, WebhookEndpointDto>
{
    public ValueTask<WebhookEndpointDto> Handle(GetWebhookEndpointQuery query, CancellationToken cancellationToken) =>
        store.WebhookEndpoints.Where(e => e.Id == query.Id).Select(WebhookEndpointDto.Projection)
            .FirstOrNotFoundAsync(ErrorCodes.WebhookNotFound, "Webhook not found.", cancellationToken);
}
