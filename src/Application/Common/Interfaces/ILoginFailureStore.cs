namespace KeyBox.Application.Common.Interfaces;

/// <summary>
/// Failed logins, kept in the database so that every server process throttles the same way. A key names what
/// failed: <c>email:someone@example.com</c> or <c>ip:203.0.113.7</c>.
/// </summary>
public interface ILoginFailureStore
{
    /// <summary>The times of the newest failures (at most <paramref name="take"/>) of a key since an instant.</summary>
    Task<IReadOnlyList<DateTimeOffset>> RecentAsync(string key, DateTimeOffset since, int take, CancellationToken cancellationToken);

    /// <summary>Records one failure under each key, and forgets failures older than <paramref name="forgetBefore"/>.</summary>
    Task RecordAsync(IReadOnlyCollection<string> keys, DateTimeOffset failedAt, DateTimeOffset forgetBefore, CancellationToken cancellationToken);

    /// <summary>Forgets a key's failures (after a successful login).</summary>
    Task ClearAsync(string key, CancellationToken cancellationToken);
}
