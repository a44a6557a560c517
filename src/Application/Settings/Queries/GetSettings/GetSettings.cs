using KeyBox.Application.Common.Security;
using KeyBox.Domain.Settings;
using Mediator;

namespace KeyBox.Application.Settings.Queries.GetSettings;

/// <summary>The settings as stored (the defaults while they were never changed). Server-wide: ADMIN only.</summary>
public sealed record GetSettingsQuery : IQuery<ServerSettingsDto>, IAdminOnly;

public sealed class GetSettingsQueryHandler(IServerSettingsRepository settings) : IQueryHandler<GetSettingsQuery, ServerSettingsDto>
{
    public async ValueTask<ServerSettingsDto> Handle(GetSettingsQuery query, CancellationToken cancellationToken) =>
        await settings.GetAsync(cancellationToken) is { } stored ? stored.ToDto() : ServerSettingsDto.Defaults;
}
