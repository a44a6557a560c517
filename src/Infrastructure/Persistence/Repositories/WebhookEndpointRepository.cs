using KeyBox.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Infrastructure.Persistence.Repositories;

internal sealed class WebhookEndpointRepository(KeyBoxDbContext db) : IWebhookEndpointRepository
{
    public Task<WebhookEndpoint?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);

    public void Add(WebhookEndpoint endpoint) => db.WebhookEndpoints.Add(endpoint);

    // Deliveries and their attempts go with it (ON DELETE CASCADE).
    public void Remove(WebhookEndpoint endpoint) => db.WebhookEndpoints.Remove(endpoint);
}
