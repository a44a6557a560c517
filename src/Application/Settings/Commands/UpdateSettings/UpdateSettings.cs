using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Security;
using KeyBox.Domain.Common;
using KeyBox.Domain.Settings;
using Mediator;

namespace KeyBox.Application.Settings.Commands.UpdateSettings;

/// <summary>
/// Changes the runtime settings; a null field keeps its value. Property names follow the License Manager setting
/// names so that validation errors name the fields the caller sent. Server-wide (they apply to every tenant): ADMIN only.
/// </summary>
public sealed record UpdateSettingsCommand(int? LmRequestsRateLimitingPeriod, string? LmRequestsRateLimitingMethod) : ICommand<ServerSettingsDto>, IAdminOnly;

public sealed class UpdateSettingsCommandHandler(
    IServerSettingsRepository repository,
    IUnitOfWork unitOfWork,
    IRuntimeSettings runtimeSettings,
    TimeProvider clock) : ICommandHandler<UpdateSettingsCommand, ServerSettingsDto>
{
    public async ValueTask<ServerSettingsDto> Handle(UpdateSettingsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settings = await repository.GetAsync(cancellationToken);
        if (settings is null)
        {
            settings = ServerSettings.CreateDefault(now);
            repository.Add(settings);
        }

        var method = settings.RateLimitMethod;
        if (command.LmRequestsRateLimitingMethod is not null && !RateLimitMethods.TryParse(command.LmRequestsRateLimitingMethod, out method))
        {
            // The validator rejects unknown names first; this guards callers that skip the pipeline.
            throw new DomainException(ErrorCodes.ValidationFailed, "The rate limiting method is unknown.", nameof(command.LmRequestsRateLimitingMethod));
        }

        settings.ChangeRateLimiting(command.LmRequestsRateLimitingPeriod ?? settings.RequestsPerMinute, method, now);
        await unitOfWork.SaveChangesAsync(cancellationToken);

        var saved = settings.ToDto();
        runtimeSettings.Apply(saved);
        return saved;
    }
}
