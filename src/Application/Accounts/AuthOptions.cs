using KeyBox.Domain.Accounts;

namespace KeyBox.Application.Accounts;

/// <summary>The <c>Auth</c> configuration section: accounts, sign-up and the bearer tokens of <c>POST /auth/login</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// False by default: <c>POST /auth/signup</c> is refused (403 SIGNUP_CLOSED) and accounts come from the bootstrap
    /// admin and the users API. An operator who runs KeyBox for several teams opens it.
    /// </summary>
    public bool AllowSignup { get; set; }

    /// <summary>Sign-ups allowed per client IP and window while sign-up is open.</summary>
    public SignupThrottleOptions SignupThrottle { get; set; } = new();

    /// <summary>
    /// The HMAC-SHA256 key that signs tokens (at least 32 bytes of UTF-8). When absent, a random key is generated
    /// once and kept in the database (table <c>server_secrets</c>), so every server process shares it.
    /// </summary>
    public string? JwtSigningKey { get; set; }

    public int TokenLifetimeMinutes { get; set; } = 30;

    public string Issuer { get; set; } = "keybox";

    public string Audience { get; set; } = "keybox";

    public LoginThrottleOptions LoginThrottle { get; set; } = new();

    public TimeSpan TokenLifetime => TimeSpan.FromMinutes(TokenLifetimeMinutes);
}

/// <summary>
/// The login throttle (<see cref="LoginThrottlePolicy"/>): attempts per (account, IP) pair and per IP before 429, and
/// the per-account ceiling beyond which password checks are slowed to one per delay. 0 turns a limit off.
/// </summary>
public sealed class LoginThrottleOptions
{
    /// <summary>Attempts per (account, IP) pair within the window before 429 (a successful login clears them).</summary>
    public int MaxFailures { get; set; } = LoginThrottlePolicy.Default.MaxFailures;

    public int WindowMinutes { get; set; } = (int)LoginThrottlePolicy.Default.Window.TotalMinutes;

    /// <summary>Failed attempts per client IP, whatever the account, within the window before 429.</summary>
    public int PerIpMaxFailures { get; set; } = LoginThrottlePolicy.Default.PerIpMaxFailures;

    /// <summary>Failed attempts per account, whatever the IP, within the window before checks are slowed.</summary>
    public int PerAccountMaxFailures { get; set; } = LoginThrottlePolicy.Default.PerAccountMaxFailures;

    /// <summary>Beyond the per-account ceiling, one password check per this many seconds for the account.</summary>
    public double PerAccountDelaySeconds { get; set; } = LoginThrottlePolicy.Default.PerAccountDelay.TotalSeconds;

    public LoginThrottlePolicy ToPolicy() => new(
        MaxFailures,
        TimeSpan.FromMinutes(WindowMinutes),
        PerIpMaxFailures,
        PerAccountMaxFailures,
        TimeSpan.FromSeconds(PerAccountDelaySeconds));
}

/// <summary>Sign-up attempts allowed per client IP within the window (0 = no throttling).</summary>
public sealed class SignupThrottleOptions
{
    public int PermitLimit { get; set; } = 5;

    public int WindowMinutes { get; set; } = 60;

    public bool Enabled => PermitLimit > 0 && WindowMinutes > 0;

    public TimeSpan Window => TimeSpan.FromMinutes(WindowMinutes);
}
