using KeyBox.Application.Common.Interfaces;
using KeyBox.Infrastructure.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KeyBox.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<KeyBoxDbContext>
{
    public KeyBoxDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<KeyBoxDbContext>()
            .UseNpgsql("Host=localhost;Database=keybox_design", npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            // Only to build the model (the converters do not change the schema); never used on data.
            .UseSecretProtector(new SecretProtector(new byte[SecretProtector.MasterKeyLength]))
            .Options;
        return new KeyBoxDbContext(options) { Actor = new SystemActor() };
    }

    private sealed class SystemActor : ICurrentActor
    {
        public Guid? UserId => null;

        public bool SeesEverything => true;

        public bool IsAdmin => true;

        public Guid OwnerIdForNewResources => throw new InvalidOperationException();
    }
}
