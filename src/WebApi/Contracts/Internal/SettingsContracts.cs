using KeyBox.Application.Settings;
using KeyBox.Domain.Settings;

namespace KeyBox.WebApi.Contracts.Internal;

/// <summary>
/// Changes runtime settings; omitted fields keep their values. <c>lm_requests_rate_limiting_period</c>: requests per
/// minute (1–1000000) on the external API and the LicenseBox routes; <c>lm_requests_rate_limiting_method</c>:
/// <c>ip_address</c>, <c>api_key</c> or <c>api_key_ip_address</c>.
/// </summary>
public sealed record UpdateSettingsRequest(int? LmRequestsRateLimitingPeriod, string? LmRequestsRateLimitingMethod);

/// <summary>The runtime settings, applied by every server process within a few seconds of a change.</summary>
public sealed record SettingsResource(int LmRequestsRateLimitingPeriod, string LmRequestsRateLimitingMethod, DateTimeOffset? UpdatedAt)
{
    public static SettingsResource From(ServerSettingsDto settings) =>
        new(settings.RequestsPerMinute, RateLimitMethods.NameOf(settings.RateLimitMethod), settings.UpdatedAt);
}
