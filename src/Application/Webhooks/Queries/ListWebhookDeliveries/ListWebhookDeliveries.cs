using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Models;
using KeyBox.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Webhooks.Queries.ListWebhookDeliveries;

/// <summary>An endpoint's deliveries, oldest first (keyset paging), each with every attempt made.</summary>
public sealed record ListWebhookDeliveriesQuery(Guid WebhookId, PageRequest Page) : IQuery<Page<WebhookDeliveryDto>>;

public sealed class ListWebhookDeliveriesQueryHandler(IReadStore store) : IQueryHandler<ListWebhookDeliveriesQuery, Page<WebhookDeliveryDto>>
{
    public async ValueTask<Page<WebhookDeliveryDto>> Handle(ListWebhookDeliveriesQuery query, CancellationToken cancellationToken)
    {
        if (!await store.WebhookEndpoints.AnyAsync(e => e.Id == query.WebhookId, cancellationToken))
        {
            throw new DomainException(ErrorCodes.WebhookNotFound, "Webhook not found.");
        }

        var page = await store.WebhookDeliveries.Where(d => d.EndpointId == query.WebhookId)
            .ToKeysetPageAsync(d => d.Id, WebhookDeliveryDto.Projection, d => d.Id, query.Page, cancellationToken);
        return page with { Items = await store.WithAttemptsAsync(page.Items, cancellationToken) };
    }
}
