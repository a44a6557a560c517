using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Quotas;
using KeyBox.Domain.Common;
using KeyBox.Domain.Webhooks;
using Mediator;
using Microsoft.Extensions.Options;

namespace KeyBox.Application.Webhooks.Commands.CreateWebhookEndpoint;

/// <summary>Registers an endpoint for the calling account; without a secret one is generated (and shown this once).</summary>
public sealed record CreateWebhookEndpointCommand(string? Url, string? Secret, IReadOnlyList<string>? Events, bool? IsActive) : ICommand<CreatedWebhookEndpointDto>;

public sealed class CreateWebhookEndpointCommandHandler(
    IWebhookEndpointRepository endpoints,
    IUnitOfWork unitOfWork,
    ICurrentActor actor,
    AccountQuotas quotas,
    TimeProvider clock) : ICommandHandler<CreateWebhookEndpointCommand, CreatedWebhookEndpointDto>
{
    public async ValueTask<CreatedWebhookEndpointDto> Handle(CreateWebhookEndpointCommand command, CancellationToken cancellationToken)
    {
        await quotas.EnsureWebhookEndpointAllowedAsync(cancellationToken);
        var endpoint = WebhookEndpoint.Create(
            actor.OwnerIdForNewResources, command.Url ?? string.Empty, command.Secret, command.Events, command.IsActive ?? true, clock.GetUtcNow());
        endpoints.Add(endpoint);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new CreatedWebhookEndpointDto(WebhookEndpointDto.From(endpoint), endpoint.Secret);
    }
}
