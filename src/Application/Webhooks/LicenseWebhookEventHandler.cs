using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Customers;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;

namespace KeyBox.Application.Webhooks;

/// <summary>
/// Turns the license aggregate's real-time events (created, activated, deactivated, blocked, unblocked) into webhook
/// deliveries, written in the transaction that saves the change. Nothing is read when no endpoint listens.
/// </summary>
internal sealed class LicenseWebhookEventHandler(
    ILicenseRepository licenses,
    IProductRepository products,
    ICustomerRepository customers,
    IWebhookOutbox outbox) : IDomainEventHandler<LicenseEvent>
{
    public async Task HandleAsync(LicenseEvent domainEvent, CancellationToken cancellationToken)
    {
        var license = await licenses.GetByIdAsync(domainEvent.LicenseId, cancellationToken);
        if (license is null)
        {
            return;
        }

        var endpoints = await outbox.SubscribersAsync(license.OwnerId, domainEvent.EventType, cancellationToken);
        if (endpoints.Count == 0)
        {
            return;
        }

        var product = await products.GetByIdAsync(license.ProductId, cancellationToken);
        Customer? customer = license.CustomerId is { } customerId ? await customers.GetByIdAsync(customerId, cancellationToken) : null;
        Guid? activationId = domainEvent switch
        {
            LicenseActivated activated => activated.ActivationId,
            LicenseDeactivated deactivated => deactivated.ActivationId,
            _ => null,
        };
        var activation = activationId is null ? null : license.Activations.FirstOrDefault(a => a.Id == activationId);

        var payload = new LicenseEventPayload(
            license.Id, license.LicenseCode, product?.ReferenceId ?? string.Empty, customer?.Reference, license.Email, license.Type,
            license.StatusAt(domainEvent.OccurredAt), license.ParallelUses, license.ExpiresAt, license.UpdatesUntil,
            activation is null ? null : ActivationEventPayload.From(activation));
        outbox.Enqueue(endpoints, new WebhookEventMessage(domainEvent.EventType, domainEvent.OccurredAt, payload));
    }
}
