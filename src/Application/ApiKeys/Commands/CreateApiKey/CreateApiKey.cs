using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.ApiKeys;
using KeyBox.Domain.Common;
using Mediator;

namespace KeyBox.Application.ApiKeys.Commands.CreateApiKey;

/// <summary>Issues a key for the calling account (or, with <see cref="OwnerId"/>, for a given one: operators' CLI).</summary>
public sealed record CreateApiKeyCommand(string Name, ApiKeyType? Type, DateTimeOffset? ExpiresAt, Guid? OwnerId = null) : ICommand<IssuedApiKeyDto>;

public sealed class CreateApiKeyCommandHandler(
    IApiKeyRepository apiKeys,
    IUnitOfWork unitOfWork,
    ICurrentActor actor,
    TimeProvider clock) : ICommandHandler<CreateApiKeyCommand, IssuedApiKeyDto>
{
    public async ValueTask<IssuedApiKeyDto> Handle(CreateApiKeyCommand command, CancellationToken cancellationToken)
    {
        var issued = ApiKey.Issue(command.Name, command.Type!.Value, command.OwnerId ?? actor.OwnerIdForNewResources, command.ExpiresAt, clock.GetUtcNow());
        apiKeys.Add(issued.ApiKey);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new IssuedApiKeyDto(issued.ApiKey.ToDto(), issued.PlainKey);
    }
}
