namespace KeyBox.Domain.Webhooks;

public interface IWebhookEndpointRepository
{
    /// <summary>The endpoint, when the current actor may see it.</summary>
    Task<WebhookEndpoint?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    void Add(WebhookEndpoint endpoint);

    /// <summary>Removes the endpoint with its deliveries and their attempts.</summary>
    void Remove(WebhookEndpoint endpoint);
}
