using System.Security.Cryptography;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Accounts;
using KeyBox.Domain.ApiKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyBox.Infrastructure.Persistence;

/// <summary>
/// Brings a database up to date and makes sure somebody can log in: the bootstrap admin account and the
/// bootstrap API keys. Credentials it generates are printed once, to the console. Checks the master key against the
/// stored secrets and encrypts those an older version stored in clear.
/// </summary>
public sealed class KeyBoxInitialiser(
    KeyBoxDbContext db,
    IPasswordHasher passwordHasher,
    IOptions<DatabaseOptions> databaseOptions,
    IOptions<BootstrapOptions> bootstrapOptions,
    LicenseData.LicenseTokenService licenseTokens,
    Signing.LicenseSigner signingKeys,
    Secrets.StoredSecretsEncryptor storedSecrets,
    TimeProvider clock,
    ILogger<KeyBoxInitialiser> logger)
{
    public const string GeneratedAdminEmail = User.GeneratedAdminEmail;

    public async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        if (databaseOptions.Value.MigrateOnStartup)
        {
            await MigrateAsync(cancellationToken);
        }

        // Secrets at rest: refuse a master key that does not match the database; encrypt what older versions stored in clear.
        await storedSecrets.RunAsync(cancellationToken);

        var admin = await EnsureAdminAsync(cancellationToken);
        await EnsureKeyAsync(admin, ApiKeyType.Internal, bootstrapOptions.Value.InternalApiKey, generateWhenMissing: true, cancellationToken);
        await EnsureKeyAsync(admin, ApiKeyType.External, bootstrapOptions.Value.ExternalApiKey, generateWhenMissing: false, cancellationToken);
        await licenseTokens.InitialiseAsync(cancellationToken);
        await signingKeys.InitialiseAsync(cancellationToken);
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        // Several processes may start together: one advisory lock serialises their migrations.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(7243001)", cancellationToken);
            try
            {
                await MigrateLockedAsync(cancellationToken);
            }
            finally
            {
                // Also when migrating fails: a pooled connection keeps session locks (no DISCARD ALL on return).
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(7243001)", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task MigrateLockedAsync(CancellationToken cancellationToken)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            throw new IncompatibleDatabaseException(unknown);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    private async Task<User> EnsureAdminAsync(CancellationToken cancellationToken)
    {
        var options = bootstrapOptions.Value;
        if (!string.IsNullOrWhiteSpace(options.AdminEmail))
        {
            var email = User.NormalizeEmail(options.AdminEmail);
            var configured = await db.Users.FirstOrDefaultAsync(u => u.Email == email, cancellationToken);
            if (configured is not null)
            {
                return configured;
            }

            if (string.IsNullOrWhiteSpace(options.AdminPassword))
            {
                throw new InvalidOperationException("Bootstrap:AdminEmail is set but Bootstrap:AdminPassword is not.");
            }

            return await AddAdminAsync(email, options.AdminPassword, printPassword: false, cancellationToken);
        }

        var existing = await db.Users.Where(u => u.Role == UserRole.Admin).OrderBy(u => u.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');
        return await AddAdminAsync(GeneratedAdminEmail, password, printPassword: true, cancellationToken);
    }

    private async Task<User> AddAdminAsync(string email, string password, bool printPassword, CancellationToken cancellationToken)
    {
        var admin = User.Create("Administrator", email, passwordHasher.Hash(password), UserRole.Admin, clock.GetUtcNow());
        db.Users.Add(admin);
        await db.SaveChangesAsync(cancellationToken);
        if (printPassword)
        {
            PrintOnce($"Bootstrap admin account: {email} / {password}");
        }

        return admin;
    }

    private async Task EnsureKeyAsync(User admin, ApiKeyType type, string? configuredKey, bool generateWhenMissing, CancellationToken cancellationToken)
    {
        var name = $"bootstrap-{type.ToString().ToLowerInvariant()}";
        if (!string.IsNullOrWhiteSpace(configuredKey))
        {
            var hash = ApiKey.Hash(configuredKey);
            if (!await db.ApiKeys.IgnoreQueryFilters().AnyAsync(k => k.KeyHash == hash, cancellationToken))
            {
                db.ApiKeys.Add(ApiKey.FromPlainKey(name, type, configuredKey, admin.Id, null, clock.GetUtcNow()).ApiKey);
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Registered the configured bootstrap {Type} API key", type);
            }

            return;
        }

        if (!generateWhenMissing)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var anyUsable = await db.ApiKeys.IgnoreQueryFilters()
            .AnyAsync(k => k.Type == type && k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now), cancellationToken);
        if (anyUsable)
        {
            return;
        }

        var issued = ApiKey.Issue(name, type, admin.Id, null, now);
        db.ApiKeys.Add(issued.ApiKey);
        await db.SaveChangesAsync(cancellationToken);
        PrintOnce($"Bootstrap {type.ToString().ToLowerInvariant()} API key: {issued.PlainKey}");
    }

    private void PrintOnce(string line)
    {
        // Printed to the console, not (only) the log: it is shown this once and never stored in plain.
        Console.WriteLine();
        Console.WriteLine("  ==> " + line);
        Console.WriteLine("      (shown once; store it now)");
        Console.WriteLine();
        logger.LogInformation("Bootstrap credentials were generated and printed to the console.");
    }
}

/// <summary>
/// The database holds migrations this build does not know: it was made by a development build from before the
/// migrations were squashed into one <c>Initial</c> (or by a newer KeyBox). KeyBox does not guess: it stops and says
/// what to do.
/// </summary>
public sealed class IncompatibleDatabaseException(IReadOnlyList<string> unknownMigrations) : Exception(
    "This database was created by another build of KeyBox: it holds migration(s) this build does not know ("
    + string.Join(", ", unknownMigrations) + "). KeyBox's migrations were squashed into one 'Initial' before its first "
    + "release, so a database from an earlier development build cannot be upgraded. For the private database of "
    + "./build.sh run, start afresh with './build.sh clean --all' (it deletes .keybox/: the database, its files and the "
    + "master key); otherwise point ConnectionStrings__KeyBox at a new, empty database.")
{
    public IReadOnlyList<string> UnknownMigrations { get; } = unknownMigrations;
}
