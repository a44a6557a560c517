using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Models;
using Mediator;

namespace KeyBox.Application.Webhooks.Queries.ListWebhookEndpoints;

public sealed record ListWebhookEndpointsQuery(PageRequest Page) : IQuery<Page<WebhookEndpointDto>>;

public sealed class ListWebhookEndpointsQueryHandler(IReadStore store) : IQueryHandler<ListWebhookEndpointsQuery, Page<WebhookEndpointDto>>
{
    public async ValueTask<Page<WebhookEndpointDto>> Handle(ListWebhookEndpointsQuery query, CancellationToken cancellationToken) =>
        await store.WebhookEndpoints.ToKeysetPageAsync(e => e.Id, WebhookEndpointDto.Projection, e => e.Id, query.Page, cancellationToken);
}
