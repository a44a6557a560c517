using AutoMapper;
using KeyBox.Domain.Settings;

namespace KeyBox.Application.Settings;

/// <summary>The runtime settings; <see cref="UpdatedAt"/> is null while the defaults were never changed.</summary>
public sealed record ServerSettingsDto(int RequestsPerMinute, RateLimitMethod RateLimitMethod, DateTimeOffset? UpdatedAt)
{
    public static ServerSettingsDto Defaults { get; } =
        new(ServerSettings.DefaultRequestsPerMinute, ServerSettings.DefaultRateLimitMethod, null);
}

public sealed class ServerSettingsMappingProfile : Profile
{
    public ServerSettingsMappingProfile() => CreateMap<ServerSettings, ServerSettingsDto>();
}
