using KeyBox.Domain.Common;
using KeyBox.Domain.Webhooks;
using Mediator;
using Microsoft.Extensions.Options;

namespace KeyBox.Application.Webhooks.Commands.UpdateWebhookEndpoint;

/// <summary>Changes an endpoint; null fields keep their values (an empty event list subscribes to every event).</summary>
public sealed record UpdateWebhookEndpointCommand(Guid Id, string? Url, string? Secret, IReadOnlyList<string>? Events, bool? IsActive) : ICommand<WebhookEndpointDto>;

public sealed class UpdateWebhookEndpointCommandHandler(
    IWebhookEndpointRepository endpoints,
    IUnitOfWork unitOfWork,
    TimeProvider clock) : ICommandHandler<UpdateWebhookEndpointCommand, WebhookEndpointDto>
{
    public async ValueTask<WebhookEndpointDto> Handle(UpdateWebhookEndpointCommand command, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.GetByIdAsync(command.Id, cancellationToken)
            ?? throw new DomainException(ErrorCodes.WebhookNotFound, "Webhook not found.");
        endpoint.Update(command.Url, command.Secret, command.Events, command.IsActive, clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return WebhookEndpointDto.From(endpoint);
    }
}
