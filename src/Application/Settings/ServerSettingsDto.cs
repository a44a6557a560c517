using KeyBox.Domain.Settings;
using Riok.Mapperly.Abstractions;

namespace KeyBox.Application.Settings;

/// <summary>The runtime settings; <see cref="UpdatedAt"/> is null while the defaults were never changed.</summary>
public sealed record ServerSettingsDto(int RequestsPerMinute, RateLimitMethod RateLimitMethod, DateTimeOffset? UpdatedAt)
{
    public static ServerSettingsDto Defaults { get; } =
        new(ServerSettings.DefaultRequestsPerMinute, ServerSettings.DefaultRateLimitMethod, null);
}

/// <summary><see cref="ServerSettings"/> → <see cref="ServerSettingsDto"/> (source-generated; a DTO member the mapping does not fill fails the build).</summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class ServerSettingsMapper
{
    public static partial ServerSettingsDto ToDto(this ServerSettings serverSettings);
}
