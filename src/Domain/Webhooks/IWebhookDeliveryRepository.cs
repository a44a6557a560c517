namespace KeyBox.Domain.Webhooks;

public interface IWebhookDeliveryRepository
{
    Task<WebhookDelivery?> GetByIdAsync(Guid id, CancellationToken cancellationToken);
}
