using KeyBox.Domain.Accounts;

namespace KeyBox.Application.Common.Interfaces;

/// <summary>
/// The login throttle's counters, kept in the database so that every server process throttles the same way; each
/// decision is taken atomically (see <see cref="LoginThrottlePolicy"/> for the scheme).
/// </summary>
public interface ILoginThrottle
{
    /// <summary>
    /// Takes the attempt's place under every key, or under none when any of them refuses it; decided and counted in one
    /// step, so that concurrent attempts (in any process) never check more passwords than the limits allow.
    /// </summary>
    /// <returns>Null when the password may be checked now; otherwise how long to wait before trying again.</returns>
    Task<TimeSpan?> TryAcquireAsync(LoginThrottleKeys keys, LoginThrottlePolicy policy, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>After a successful login: forgets the pair's attempts, and gives back the IP's and the account's place.</summary>
    Task ReleaseAsync(LoginThrottleKeys keys, CancellationToken cancellationToken);

    /// <summary>Forgets (a bounded batch of) counters whose window has ended, so the table stays small.</summary>
    Task ForgetExpiredAsync(LoginThrottlePolicy policy, DateTimeOffset now, CancellationToken cancellationToken);
}
