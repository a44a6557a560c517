using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.ApiKeys;
using KeyBox.Domain.Common;
using Mediator;

namespace KeyBox.Application.ApiKeys.Commands.RevokeApiKey;

public sealed record RevokeApiKeyCommand(Guid Id) : ICommand<ApiKeyDto>;

public sealed class RevokeApiKeyCommandHandler(
    IApiKeyRepository apiKeys,
    IUnitOfWork unitOfWork,
    ICurrentActor actor,
    TimeProvider clock) : ICommandHandler<RevokeApiKeyCommand, ApiKeyDto>
{
    public async ValueTask<ApiKeyDto> Handle(RevokeApiKeyCommand command, CancellationToken cancellationToken)
    {
        var apiKey = await apiKeys.GetByIdAsync(command.Id, cancellationToken);
        if (apiKey is null || !actor.CanSee(apiKey.OwnerId))
        {
            throw new DomainException(ErrorCodes.NotFound, "API key not found.");
        }

        apiKey.Revoke(clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return apiKey.ToDto();
    }
}
