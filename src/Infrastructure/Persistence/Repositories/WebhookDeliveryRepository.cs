using KeyBox.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Infrastructure.Persistence.Repositories;

internal sealed class WebhookDeliveryRepository(KeyBoxDbContext db) : IWebhookDeliveryRepository
{
    public Task<WebhookDelivery?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
}
