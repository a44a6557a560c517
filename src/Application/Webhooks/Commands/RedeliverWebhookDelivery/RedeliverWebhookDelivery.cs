using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Domain.Webhooks;
using Mediator;

namespace KeyBox.Application.Webhooks.Commands.RedeliverWebhookDelivery;

/// <summary>Sends a delivery again (same id, same body, a fresh set of attempts); the log keeps the earlier attempts.</summary>
public sealed record RedeliverWebhookDeliveryCommand(Guid Id) : ICommand<WebhookDeliveryDto>;

public sealed class RedeliverWebhookDeliveryCommandHandler(
    IWebhookDeliveryRepository deliveries,
    IWebhookEndpointRepository endpoints,
    IWebhookOutbox outbox,
    IUnitOfWork unitOfWork,
    IReadStore store,
    TimeProvider clock) : ICommandHandler<RedeliverWebhookDeliveryCommand, WebhookDeliveryDto>
{
    public async ValueTask<WebhookDeliveryDto> Handle(RedeliverWebhookDeliveryCommand command, CancellationToken cancellationToken)
    {
        var delivery = await deliveries.GetByIdAsync(command.Id, cancellationToken);
        // Deliveries are reached through their endpoint: someone who cannot see the endpoint cannot see its deliveries.
        if (delivery is null || await endpoints.GetByIdAsync(delivery.EndpointId, cancellationToken) is null)
        {
            throw new DomainException(ErrorCodes.WebhookDeliveryNotFound, "Webhook delivery not found.");
        }

        delivery.Redeliver(clock.GetUtcNow());
        outbox.NotifyDue();
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return await store.GetDeliveryAsync(delivery.Id, cancellationToken);
    }
}
