using KeyBox.Application.Common.Interfaces;
using KeyBox.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace KeyBox.Infrastructure.Secrets;

/// <summary>The purposes (associated data) of the stored secrets: a value only decrypts where it was written.</summary>
public static class SecretPurposes
{
    public const string WebhookSecret = "webhook_endpoints.secret";

    public static string ServerSecret(string name) => "server_secrets:" + name;

    public static string LicenseDataKey(int id) => "license_data_keys.material:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Gives the database session the process's <see cref="ISecretProtector"/> through its options, so that the model can
/// map secret columns with a converter that encrypts on write and decrypts on read: the domain keeps the plain value,
/// the column only ever holds ciphertext. The model is built once per master key (<see cref="KeyBoxModelCacheKeyFactory"/>),
/// never per context: contexts are pooled, and several servers in one process (the tests) share EF's model cache.
/// </summary>
internal sealed class SecretProtectionOptionsExtension(ISecretProtector protector) : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    public ISecretProtector Protector => protector;

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    /// <summary>The converter of a secret column: encrypts on write, decrypts on read.</summary>
    public static ValueConverter<string, string> Converter(ISecretProtector protector, string purpose) =>
        new(plain => protector.ProtectText(plain, purpose), stored => protector.UnprotectText(stored, purpose));

    // The protector is no service of EF's own: every instance of this extension shares EF's internal service provider.
    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => string.Empty;

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
        {
        }
    }
}

/// <summary>Models are cached per context type and master key: the secret columns' converters hold the protector.</summary>
internal sealed class KeyBoxModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), (context as KeyBoxDbContext)?.SecretProtector?.KeyId, designTime);
}

internal static class SecretProtectionDbContextOptions
{
    /// <summary>Secret columns are encrypted with <paramref name="protector"/>.</summary>
    public static TBuilder UseSecretProtector<TBuilder>(this TBuilder options, ISecretProtector protector)
        where TBuilder : DbContextOptionsBuilder
    {
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new SecretProtectionOptionsExtension(protector));
        options.ReplaceService<IModelCacheKeyFactory, KeyBoxModelCacheKeyFactory>();
        return options;
    }
}
