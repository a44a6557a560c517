using System.Security.Cryptography;
using System.Text;
using KeyBox.Application.Accounts;
using KeyBox.Application.Common.Interfaces;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace KeyBox.WebApi.Http.Security;

/// <summary>
/// The key that signs and verifies bearer tokens: <c>Auth:JwtSigningKey</c> when configured, otherwise a random
/// 512-bit key generated once and kept in the database (<c>server_secrets</c>), so that every server process
/// sharing the database accepts the others' tokens. Loaded at start-up (<see cref="JwtSigningKeyLoader"/>), or
/// on first use when the database did not answer then.
/// </summary>
public sealed class JwtSigningKeys(IServiceScopeFactory scopes, IOptions<AuthOptions> options)
{
    public const string SecretName = "jwt_signing_key";
    public const int MinimumKeyBytes = 32;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile SymmetricSecurityKey? _key;

    public bool IsLoaded => _key is not null;

    /// <summary>The loaded key; only after <see cref="GetAsync"/> has completed once.</summary>
    public SymmetricSecurityKey Current => _key ?? throw new InvalidOperationException("The token signing key has not been loaded yet.");

    public async ValueTask<SymmetricSecurityKey> GetAsync(CancellationToken cancellationToken)
    {
        if (_key is { } loaded)
        {
            return loaded;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _key ??= new SymmetricSecurityKey(await LoadAsync(cancellationToken));
        }
        finally
        {
            _gate.Release();
        }
    }

    public static bool IsStrongEnough(string? configuredKey) =>
        string.IsNullOrEmpty(configuredKey) || Encoding.UTF8.GetByteCount(configuredKey) >= MinimumKeyBytes;

    private async Task<byte[]> LoadAsync(CancellationToken cancellationToken)
    {
        if (options.Value.JwtSigningKey is { Length: > 0 } configured)
        {
            return Encoding.UTF8.GetBytes(configured);
        }

        await using var scope = scopes.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<IServerSecretStore>()
            .GetOrCreateAsync(SecretName, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)), cancellationToken);
        return Convert.FromBase64String(stored);
    }
}

/// <summary>Loads the signing key when the server starts; when the database does not answer yet, the first token will.</summary>
internal sealed class JwtSigningKeyLoader(JwtSigningKeys keys, ILogger<JwtSigningKeyLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await keys.GetAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The token signing key could not be loaded at start-up; it will be loaded on first use.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
