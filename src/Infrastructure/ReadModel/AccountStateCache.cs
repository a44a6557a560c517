using KeyBox.Application.Common.Interfaces;
using KeyBox.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KeyBox.Infrastructure.ReadModel;

/// <summary>
/// Each account's state as authentication needs it (active flag, current role, security stamp), kept in process so
/// that a bearer token or an API key is checked without a database read per request. Every change of those columns
/// (and every deletion) is announced as <c>users:id</c> on <see cref="CacheInvalidationListener.Channel"/> by the
/// triggers of migration <c>AccountRevocation</c> and removed here by the listener on every process (and by
/// <see cref="CacheInvalidationInterceptor"/> at once in the writing process). While notifications may be missed it
/// serves nothing (every check reads the database). A read that raced with an invalidation is not stored.
/// Settings: those of the read cache (<see cref="ReadCacheOptions"/>, section <c>ReadCache</c>).
/// </summary>
internal sealed class AccountStateCache
{
    private readonly bool _enabled;
    private readonly BoundedCache<Guid, AccountState> _states;
    private long _stamp;
    private volatile bool _serving;

    public AccountStateCache(IOptions<ReadCacheOptions> options, TimeProvider time)
    {
        var value = options.Value;
        _enabled = value.Enabled;
        _states = new BoundedCache<Guid, AccountState>(
            Math.Max(1, value.MaxEntries), TimeSpan.FromSeconds(Math.Max(0, value.MaxAgeSeconds)), time);
    }

    public bool IsServing => _serving;

    /// <summary>Taken before reading the database; <see cref="Store"/> drops what was read if anything was invalidated since.</summary>
    public long Stamp => Interlocked.Read(ref _stamp);

    public bool TryGet(Guid userId, out AccountState state)
    {
        if (_serving && _states.TryGet(userId, out var found))
        {
            state = found;
            return true;
        }

        state = null!;
        return false;
    }

    public void Store(long stamp, AccountState state)
    {
        if (!_serving || Stamp != stamp)
        {
            return;
        }

        _states.Set(state.UserId, state);
        if (Stamp != stamp || !_serving)
        {
            _states.Remove(state.UserId);
        }
    }

    public void Invalidate(Guid userId)
    {
        Interlocked.Increment(ref _stamp);
        _states.Remove(userId);
    }

    public void InvalidateAll()
    {
        Interlocked.Increment(ref _stamp);
        _states.Clear();
    }

    public void Resume()
    {
        InvalidateAll();
        _serving = _enabled;
    }

    public void Suspend()
    {
        _serving = false;
        InvalidateAll();
    }
}

/// <summary>
/// <see cref="IAccountStates"/>: from <see cref="AccountStateCache"/>, else one small read of the account's row. The
/// database context is only rented on a miss, so the hot API-key paths take none when the state is cached.
/// </summary>
internal sealed class AccountStates(AccountStateCache cache, IServiceProvider services) : IAccountStates
{
    public async ValueTask<AccountState?> GetAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (cache.TryGet(userId, out var cached))
        {
            return cached;
        }

        var stamp = cache.Stamp;
        var db = services.GetRequiredService<KeyBoxDbContext>();
        var state = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new AccountState(u.Id, u.Role, u.IsActive, u.SecurityStamp))
            .FirstOrDefaultAsync(cancellationToken);
        if (state is not null)
        {
            cache.Store(stamp, state);
        }

        return state;
    }
}
