using KeyBox.Domain.Common;
using KeyBox.Domain.Webhooks;
using Mediator;

namespace KeyBox.Application.Webhooks.Commands.DeleteWebhookEndpoint;

/// <summary>Deletes an endpoint with its delivery log; deliveries not yet sent are dropped.</summary>
public sealed record DeleteWebhookEndpointCommand(Guid Id) : ICommand<WebhookEndpointDto>;

public sealed class DeleteWebhookEndpointCommandHandler(IWebhookEndpointRepository endpoints, IUnitOfWork unitOfWork)
    : ICommandHandler<DeleteWebhookEndpointCommand, WebhookEndpointDto>
{
    public async ValueTask<WebhookEndpointDto> Handle(DeleteWebhookEndpointCommand command, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.GetByIdAsync(command.Id, cancellationToken)
            ?? throw new DomainException(ErrorCodes.WebhookNotFound, "Webhook not found.");
        endpoints.Remove(endpoint);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return WebhookEndpointDto.From(endpoint);
    }
}
