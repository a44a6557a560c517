using KeyBox.Application.Common.Interfaces;
using KeyBox.Infrastructure.Persistence;
using KeyBox.Infrastructure.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyBox.Infrastructure.Identity;

/// <summary>
/// A secret the server generated for itself, by name (e.g. <c>jwt_signing_key</c>). <see cref="Value"/> is the secret
/// encrypted under the master key (purpose <c>server_secrets:{name}</c>), never the secret itself.
/// </summary>
internal sealed class ServerSecret
{
    public const int NameMaxLength = 100;

    public string Name { get; private set; } = string.Empty;

    public string Value { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }
}

internal sealed class ServerSecretConfiguration : IEntityTypeConfiguration<ServerSecret>
{
    public void Configure(EntityTypeBuilder<ServerSecret> builder)
    {
        builder.ToTable("server_secrets");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(ServerSecret.NameMaxLength);
        builder.Property(s => s.Value).IsRequired();
    }
}

/// <summary>
/// Insert-if-absent, then read back: when several processes start together on a fresh database, the first
/// insert wins and every process reads that value. Values are encrypted before they are written and decrypted when read.
/// </summary>
internal sealed class ServerSecretStore(KeyBoxDbContext db, ISecretProtector protector, TimeProvider clock) : IServerSecretStore
{
    public async Task<string> GetOrCreateAsync(string name, Func<string> generate, CancellationToken cancellationToken)
    {
        if (await FindAsync(name, cancellationToken) is { } existing)
        {
            return existing;
        }

        var value = protector.ProtectText(generate(), SecretPurposes.ServerSecret(name));
        var now = clock.GetUtcNow().ToUniversalTime();
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO server_secrets (name, value, created_at) VALUES ({name}, {value}, {now}) ON CONFLICT (name) DO NOTHING",
            cancellationToken);
        return await FindAsync(name, cancellationToken)
            ?? throw new InvalidOperationException($"The server secret '{name}' could not be stored.");
    }

    private async Task<string?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var stored = await db.Set<ServerSecret>().AsNoTracking().Where(s => s.Name == name).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
        return stored is null ? null : protector.UnprotectText(stored, SecretPurposes.ServerSecret(name));
    }
}
