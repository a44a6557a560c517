using KeyBox.Domain.Common;

namespace KeyBox.Domain.Settings;

/// <summary>How requests to the external API and the LicenseBox routes are grouped for rate limiting.</summary>
public enum RateLimitMethod
{
    /// <summary>Per client IP address (<c>ip_address</c>).</summary>
    IpAddress,

    /// <summary>Per API key (<c>api_key</c>).</summary>
    ApiKey,

    /// <summary>Per API key and IP address pair, the strictest (<c>api_key_ip_address</c>).</summary>
    ApiKeyIpAddress,
}

/// <summary>The setting values of <see cref="RateLimitMethod"/> as operators write them.</summary>
public static class RateLimitMethods
{
    public const string IpAddress = "ip_address";
    public const string ApiKey = "api_key";
    public const string ApiKeyIpAddress = "api_key_ip_address";

    public static IReadOnlyList<string> Names { get; } = [IpAddress, ApiKey, ApiKeyIpAddress];

    public static string NameOf(RateLimitMethod method) => method switch
    {
        RateLimitMethod.IpAddress => IpAddress,
        RateLimitMethod.ApiKey => ApiKey,
        RateLimitMethod.ApiKeyIpAddress => ApiKeyIpAddress,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    public static bool TryParse(string? name, out RateLimitMethod method)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case IpAddress:
                method = RateLimitMethod.IpAddress;
                return true;
            case ApiKey:
                method = RateLimitMethod.ApiKey;
                return true;
            case ApiKeyIpAddress:
                method = RateLimitMethod.ApiKeyIpAddress;
                return true;
            default:
                method = default;
                return false;
        }
    }
}

/// <summary>
/// The server's runtime settings, shared by every server process through the database: a single row
/// (<see cref="SingletonId"/>). While no row exists the defaults apply. More settings (e.g. the license data
/// cipher) join as further properties with their own intention-revealing methods.
/// </summary>
public sealed class ServerSettings : Entity, IAggregateRoot
{
    /// <summary>The id of the one settings row.</summary>
    public static readonly Guid SingletonId = new("00000000-0000-0000-0000-000000000001");

    public const int DefaultRequestsPerMinute = 3000;
    public const int MinRequestsPerMinute = 1;
    public const int MaxRequestsPerMinute = 1_000_000;
    public const RateLimitMethod DefaultRateLimitMethod = RateLimitMethod.IpAddress;

    private ServerSettings()
        : base(SingletonId)
    {
    }

    /// <summary>Requests per minute allowed on the external API and the LicenseBox routes (<c>lm_requests_rate_limiting_period</c>).</summary>
    public int RequestsPerMinute { get; private set; }

    /// <summary>What the per-minute limit is counted by (<c>lm_requests_rate_limiting_method</c>).</summary>
    public RateLimitMethod RateLimitMethod { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static ServerSettings CreateDefault(DateTimeOffset now) => new()
    {
        RequestsPerMinute = DefaultRequestsPerMinute,
        RateLimitMethod = DefaultRateLimitMethod,
        UpdatedAt = now,
    };

    public void ChangeRateLimiting(int requestsPerMinute, RateLimitMethod method, DateTimeOffset now)
    {
        if (requestsPerMinute is < MinRequestsPerMinute or > MaxRequestsPerMinute)
        {
            throw new DomainException(ErrorCodes.ValidationFailed,
                $"The rate limit must be between {MinRequestsPerMinute} and {MaxRequestsPerMinute} requests per minute.", nameof(RequestsPerMinute));
        }

        if (!Enum.IsDefined(method))
        {
            throw new DomainException(ErrorCodes.ValidationFailed, "The rate limiting method is unknown.", nameof(RateLimitMethod));
        }

        RequestsPerMinute = requestsPerMinute;
        RateLimitMethod = method;
        UpdatedAt = now;
    }
}
