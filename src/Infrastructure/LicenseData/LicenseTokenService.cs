using System.Security.Cryptography;
using KeyBox.Infrastructure.ReadModel;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Infrastructure.Persistence;
using KeyBox.Infrastructure.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyBox.Infrastructure.LicenseData;

/// <summary>
/// Issues tokens with the current key and reads tokens made with any key of the ring. The ring lives in the
/// database so that all processes share it; a token naming a key this process has not seen is looked up there. The
/// database holds the keys encrypted under the master key (<see cref="ISecretProtector"/>).
/// </summary>
public sealed class LicenseTokenService(
    IServiceScopeFactory scopes,
    IOptions<LicenseDataOptions> options,
    ISecretProtector protector,
    TimeProvider clock,
    ILogger<LicenseTokenService> logger) : ILicenseTokenService
{
    private static readonly TimeSpan MissingKeyMemory = TimeSpan.FromSeconds(5);

    /// <summary>Tokens read recently (at most 20,000): a token's claims never change (keys never leave the ring).</summary>
    private readonly BoundedCache<string, LicenseTokenClaims> _decoded = new(20_000, TimeSpan.MaxValue, clock);
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, DateTimeOffset> _missing = new();
    private volatile KeyRing? _ring;

    public string Issue(LicenseTokenClaims claims)
    {
        var ring = _ring ?? throw new InvalidOperationException("The license-data key ring has not been initialised.");
        return LicenseTokenCodec.Encode(ring.Current, claims);
    }

    public async ValueTask<LicenseTokenClaims?> ReadAsync(string token, CancellationToken cancellationToken)
    {
        // Clients present the same token on every verify: decrypting it once is enough. Only tokens that decoded
        // are remembered, so garbage cannot fill the map.
        if (_decoded.TryGet(token, out var known))
        {
            return known;
        }

        var claims = await DecodeAsync(token, cancellationToken);
        if (claims is not null)
        {
            _decoded.Set(token, claims);
        }

        return claims;
    }

    private async ValueTask<LicenseTokenClaims?> DecodeAsync(string token, CancellationToken cancellationToken)
    {
        if (LicenseTokenCodec.Peek(token) is not { } peeked)
        {
            return null;
        }

        var ring = _ring ?? throw new InvalidOperationException("The license-data key ring has not been initialised.");
        if (!ring.Keys.TryGetValue(peeked.KeyId, out var key))
        {
            key = await FindKeyAsync(peeked.KeyId, cancellationToken);
            if (key is null)
            {
                return null;
            }
        }

        return LicenseTokenCodec.Decode(key, peeked.Bytes);
    }

    /// <summary>At start-up: make sure the configured (or a generated) key is in the ring, and load the ring.</summary>
    public async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        var cipher = LicenseCiphers.Normalize(options.Value.Cipher);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeyBoxDbContext>();
        int currentId;
        if (!string.IsNullOrWhiteSpace(options.Value.Key))
        {
            var material = ParseKey(options.Value.Key, cipher);
            currentId = LicenseTokenCodec.KeyIdOf(cipher, material);
            await InsertIfAbsentAsync(db, new LicenseDataKey(currentId, cipher, material, clock.GetUtcNow()), cancellationToken);
        }
        else
        {
            var stored = await db.Set<StoredLicenseDataKey>().AsNoTracking()
                .Where(k => k.Cipher == cipher).OrderByDescending(k => k.CreatedAt).FirstOrDefaultAsync(cancellationToken);
            var newest = stored is null ? null : Unprotect(stored);
            if (newest is null)
            {
                var material = RandomNumberGenerator.GetBytes(LicenseCiphers.KeyLength(cipher));
                newest = new LicenseDataKey(LicenseTokenCodec.KeyIdOf(cipher, material), cipher, material, clock.GetUtcNow());
                await InsertIfAbsentAsync(db, newest, cancellationToken);
                logger.LogInformation("Generated a {Cipher} license-data key and stored it in the database", cipher);
            }

            currentId = newest.Id;
        }

        var keys = (await db.Set<StoredLicenseDataKey>().AsNoTracking().ToListAsync(cancellationToken)).Select(Unprotect).ToDictionary(k => k.Id);
        _ring = new KeyRing(keys[currentId], keys);
    }

    /// <summary>
    /// A key this process has not seen: another process may have added it (rotation). One primary-key lookup;
    /// ids found missing are remembered for a few seconds so garbage tokens cannot make every request query.
    /// </summary>
    private async Task<LicenseDataKey?> FindKeyAsync(int keyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_missing.TryGetValue(keyId, out var missingSince) && now - missingSince < MissingKeyMemory)
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeyBoxDbContext>();
        var stored = await db.Set<StoredLicenseDataKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Id == keyId, cancellationToken);
        if (stored is null)
        {
            if (_missing.Count > 10_000)
            {
                _missing.Clear();
            }

            _missing[keyId] = now;
            return null;
        }

        var key = Unprotect(stored);
        await _reloadLock.WaitAsync(cancellationToken);
        try
        {
            var ring = _ring!;
            var keys = new Dictionary<int, LicenseDataKey>(ring.Keys) { [key.Id] = key };
            _ring = new KeyRing(ring.Current, keys);
        }
        finally
        {
            _reloadLock.Release();
        }

        return key;
    }

    private async Task InsertIfAbsentAsync(KeyBoxDbContext db, LicenseDataKey key, CancellationToken cancellationToken)
    {
        var material = protector.Protect(key.Material, SecretPurposes.LicenseDataKey(key.Id));
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO license_data_keys (id, cipher, material, created_at) VALUES ({key.Id}, {key.Cipher}, {material}, {key.CreatedAt}) ON CONFLICT (id) DO NOTHING",
            cancellationToken);
    }

    private LicenseDataKey Unprotect(StoredLicenseDataKey stored) =>
        new(stored.Id, stored.Cipher, protector.Unprotect(stored.Material, SecretPurposes.LicenseDataKey(stored.Id)), stored.CreatedAt);

    private static byte[] ParseKey(string text, string cipher)
    {
        var value = text.Trim();
        byte[]? bytes = null;
        if (value.Length % 2 == 0 && value.All(Uri.IsHexDigit))
        {
            bytes = Convert.FromHexString(value);
        }
        else
        {
            try
            {
                bytes = Convert.FromBase64String(value);
            }
            catch (FormatException)
            {
            }
        }

        var length = LicenseCiphers.KeyLength(cipher);
        return bytes is not null && bytes.Length == length
            ? bytes
            : throw new InvalidOperationException($"LicenseData:Key must be {length} bytes for {cipher}, written in base64 or hex.");
    }

    private sealed record KeyRing(LicenseDataKey Current, IReadOnlyDictionary<int, LicenseDataKey> Keys);
}
