namespace KeyBox.Application.RateLimiting;

/// <summary>Configuration section <c>RateLimiting</c>. The per-minute limit itself is a runtime setting (<c>/api/internal/settings</c>).</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>How often every process reloads the runtime settings from the database (seconds; fractions allowed).</summary>
    public double SettingsRefreshSeconds { get; set; } = 2;

    /// <summary>Prefix of the counter keys in Redis (when <c>ConnectionStrings:Redis</c> is set).</summary>
    public string RedisPrefix { get; set; } = "keybox:ratelimit:";

    /// <summary>The KeyBox <c>/validate*</c> limit, per client IP.</summary>
    public ValidateRateLimitOptions Validate { get; set; } = new();

    /// <summary>The internal API's limit, per account (the account a bearer token or an internal API key acts for).</summary>
    public ValidateRateLimitOptions Internal { get; set; } = new() { PermitLimit = 3000, WindowSeconds = 60 };

    public TimeSpan SettingsRefreshInterval => TimeSpan.FromSeconds(Math.Clamp(SettingsRefreshSeconds, 0.05, 3600));
}

/// <summary>A fixed-window limit: <see cref="PermitLimit"/> requests per <see cref="WindowSeconds"/>; either at 0 turns it off.</summary>
public sealed class ValidateRateLimitOptions
{
    /// <summary>Requests allowed per window and client IP; 0 turns the limit off.</summary>
    public int PermitLimit { get; set; } = 5;

    /// <summary>The window's length in seconds (15 minutes by default); 0 turns the limit off.</summary>
    public int WindowSeconds { get; set; } = 900;

    public bool Enabled => PermitLimit > 0 && WindowSeconds > 0;
}
