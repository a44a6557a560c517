using KeyBox.Application.Common.Interfaces;
using KeyBox.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyBox.Infrastructure.Identity;

/// <summary>One failed login under one key (<c>email:...</c> or <c>ip:...</c>); kept only as long as it counts.</summary>
internal sealed class LoginFailure
{
    public const int KeyMaxLength = 400;

    public long Id { get; private set; }

    public string Key { get; private set; } = string.Empty;

    public DateTimeOffset FailedAt { get; private set; }
}

internal sealed class LoginFailureConfiguration : IEntityTypeConfiguration<LoginFailure>
{
    public void Configure(EntityTypeBuilder<LoginFailure> builder)
    {
        builder.ToTable("login_failures");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).UseIdentityAlwaysColumn();
        builder.Property(f => f.Key).HasMaxLength(LoginFailure.KeyMaxLength).IsRequired();
        builder.HasIndex(f => new { f.Key, f.FailedAt });
        builder.HasIndex(f => f.FailedAt);
    }
}

/// <summary>
/// Failed logins in PostgreSQL, so that every server process counts the same failures. Rows are written
/// straight away (not through the unit of work): the failed request saves nothing else.
/// </summary>
internal sealed class LoginFailureStore(KeyBoxDbContext db) : ILoginFailureStore
{
    public async Task<IReadOnlyList<DateTimeOffset>> RecentAsync(string key, DateTimeOffset since, int take, CancellationToken cancellationToken) =>
        await db.Set<LoginFailure>().AsNoTracking()
            .Where(f => f.Key == key && f.FailedAt > since)
            .OrderByDescending(f => f.FailedAt)
            .Take(take)
            .Select(f => f.FailedAt)
            .ToListAsync(cancellationToken);

    public async Task RecordAsync(IReadOnlyCollection<string> keys, DateTimeOffset failedAt, DateTimeOffset forgetBefore, CancellationToken cancellationToken)
    {
        var at = failedAt.ToUniversalTime();
        foreach (var key in keys.Select(k => k.Length > LoginFailure.KeyMaxLength ? k[..LoginFailure.KeyMaxLength] : k))
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO login_failures (key, failed_at) VALUES ({key}, {at})", cancellationToken);
        }

        var cutoff = forgetBefore.ToUniversalTime();
        await db.Set<LoginFailure>().Where(f => f.FailedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    public Task ClearAsync(string key, CancellationToken cancellationToken) =>
        db.Set<LoginFailure>().Where(f => f.Key == key).ExecuteDeleteAsync(cancellationToken);
}
