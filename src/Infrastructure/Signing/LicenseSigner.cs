using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Infrastructure.Persistence;
using KeyBox.Infrastructure.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace KeyBox.Infrastructure.Signing;

/// <summary>
/// The Ed25519 key ring (NSec, i.e. libsodium) behind license files and response signatures. The ring lives in the
/// database (<c>signing_keys</c>, private keys encrypted under the master key) so that every process signs with the same
/// key and publishes the same JWKS. The first start creates the first key under an advisory lock (processes starting
/// together make one key); a rotation retires the current key under the same lock. Each process re-reads the ring every
/// <see cref="SigningOptions.RefreshSeconds"/> (<see cref="SigningKeyRefresher"/>), and at once when it meets a
/// <c>kid</c> it does not know.
/// </summary>
public sealed class LicenseSigner(
    IServiceScopeFactory scopes,
    IOptions<SigningOptions> options,
    ISecretProtector protector,
    TimeProvider clock,
    ILogger<LicenseSigner> logger) : ILicenseSigner
{
    /// <summary>Serialises key creation and rotation across processes (the migrations use 7243001).</summary>
    private const long LockId = 7243017;

    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;
    private static readonly TimeSpan MissingKeyMemory = TimeSpan.FromSeconds(5);

    /// <summary>At most this many (body, path) signatures of nonce-less answers are remembered (for the current second).</summary>
    private const int NonceFreeCacheSize = 1024;

    private readonly ConcurrentDictionary<string, LoadedKey> _loaded = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Sha256, string Path), (long Iat, LoadedKey Key, string Signature)> _nonceFreeSignatures = new();
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private DateTimeOffset _lastMissReload = DateTimeOffset.MinValue;
    private volatile Ring? _ring;

    public static string PrivateKeyPurpose(string keyId) => "signing_keys.private_key:" + keyId;

    private Ring CurrentRing => _ring ?? throw new InvalidOperationException("The signing key ring has not been initialised.");

    /// <summary>At start-up: make sure a current key exists (one, whatever the number of processes starting), and load the ring.</summary>
    public async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeyBoxDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockId})", cancellationToken);
            if (!await db.Set<StoredSigningKey>().AnyAsync(k => k.RetiredAt == null, cancellationToken))
            {
                await InsertNewKeyAsync(db, cancellationToken);
                logger.LogInformation("Generated an Ed25519 signing key and stored it (encrypted) in the database");
            }

            await transaction.CommitAsync(cancellationToken);
        }

        await ReloadAsync(cancellationToken);
    }

    /// <summary>Re-reads the ring from the database (a rotation by another process, a retired key's publication ending).</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _reloadLock.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KeyBoxDbContext>();
            var rows = await db.Set<StoredSigningKey>().AsNoTracking().ToListAsync(cancellationToken);
            var keys = rows.Select(Load).ToList();
            var current = keys.Where(k => k.RetiredAt is null).OrderByDescending(k => k.CreatedAt).FirstOrDefault()
                ?? throw new InvalidOperationException("The signing_keys table holds no current key.");
            var others = keys.Where(k => !ReferenceEquals(k, current)).OrderByDescending(k => k.RetiredAt).ThenByDescending(k => k.CreatedAt);
            _ring = new Ring(current, [current, .. others]);
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    public string IssueLicenseFile(LicenseFileTerms terms, DateTimeOffset now)
    {
        var key = CurrentRing.Current;
        var expires = now + options.Value.LicenseFileTtl;
        if (terms.ExpiresAt is { } licenseExpiry && licenseExpiry < expires)
        {
            expires = licenseExpiry;
        }

        var payload = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(payload))
        {
            json.WriteStartObject();
            json.WriteString("iss", options.Value.Issuer);
            json.WriteString("sub", terms.LicenseCode);
            json.WriteNumber("iat", now.ToUnixTimeSeconds());
            json.WriteNumber("nbf", now.ToUnixTimeSeconds());
            json.WriteNumber("exp", expires.ToUnixTimeSeconds());
            json.WriteString("jti", Guid.NewGuid().ToString("N"));
            json.WriteStartObject("license");
            json.WriteString("license_code", terms.LicenseCode);
            json.WriteString("product_id", terms.ProductId);
            json.WriteString("type", terms.Type);
            json.WriteString("status", terms.Status);
            WriteDate(json, "expires_at", terms.ExpiresAt);
            WriteDate(json, "updates_until", terms.UpdatesUntil);
            json.WriteNumber("parallel_uses", terms.ParallelUses);
            WriteStrings(json, "entitlements", terms.Entitlements);
            WriteStrings(json, "domains", terms.Domains);
            json.WriteString("machine", terms.Machine);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Sign(key, key.JwtHeader, payload.WrittenSpan);
    }

    public string? SignResponse(ReadOnlySpan<byte> body, string? nonce, string path, DateTimeOffset now)
    {
        if (_ring is not { } ring)
        {
            return null;
        }

        var key = ring.Current;
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, digest);
        var sha256 = Base64Url.EncodeToString(digest);
        var iat = now.ToUnixTimeSeconds();

        // Without a nonce the payload repeats for every identical answer within a second (a verify's "Verified."), and
        // Ed25519 signatures are deterministic: sign it once per second and path, not once per request.
        if (nonce is null && _nonceFreeSignatures.TryGetValue((sha256, path), out var cached) && cached.Iat == iat && ReferenceEquals(cached.Key, key))
        {
            return cached.Signature;
        }

        var payload = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(payload))
        {
            json.WriteStartObject();
            json.WriteString("sha256", sha256);
            json.WriteString("nonce", nonce);
            json.WriteString("path", path);
            json.WriteNumber("iat", iat);
            json.WriteEndObject();
        }

        var signature = Sign(key, key.ResponseHeader, payload.WrittenSpan);
        if (nonce is null)
        {
            if (_nonceFreeSignatures.Count >= NonceFreeCacheSize)
            {
                _nonceFreeSignatures.Clear();
            }

            _nonceFreeSignatures[(sha256, path)] = (iat, key, signature);
        }

        return signature;
    }

    public async ValueTask<LicenseFileClaims> ReadLicenseFileAsync(string licenseFile, CancellationToken cancellationToken)
    {
        var parts = (licenseFile ?? string.Empty).Trim().Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0 || !IsBase64Url(p)))
        {
            throw Invalid("The license_file is not a license file (a JWT in compact serialization: three base64url parts).");
        }

        string? alg;
        string? kid;
        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            alg = header.RootElement.ValueKind == JsonValueKind.Object && header.RootElement.TryGetProperty("alg", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            kid = header.RootElement.ValueKind == JsonValueKind.Object && header.RootElement.TryGetProperty("kid", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw Invalid("The license_file's header is not JSON.");
        }

        if (!string.Equals(alg, "EdDSA", StringComparison.Ordinal))
        {
            throw Invalid("The license_file is not signed with EdDSA (alg must be EdDSA).");
        }

        var now = clock.GetUtcNow();
        var key = kid is null ? null : await FindPublishedKeyAsync(kid, now, cancellationToken);
        if (key is null)
        {
            throw Invalid("The license_file names a signing key (kid) this server does not publish.");
        }

        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            throw Invalid("The license_file's signature is not base64url.");
        }

        var signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (signature.Length != Ed25519.SignatureSize || !Ed25519.Verify(key.Public, signingInput, signature))
        {
            throw Invalid("The license_file's signature does not hold.");
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var root = payload.RootElement;
            var license = root.GetProperty("license");
            var claims = new LicenseFileClaims(
                key.KeyId,
                root.GetProperty("iss").GetString()!,
                root.GetProperty("sub").GetString()!,
                DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("iat").GetInt64()),
                DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("nbf").GetInt64()),
                DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("exp").GetInt64()),
                root.GetProperty("jti").GetString()!,
                new LicenseFileTerms(
                    license.GetProperty("license_code").GetString()!,
                    license.GetProperty("product_id").GetString()!,
                    license.GetProperty("type").GetString()!,
                    license.GetProperty("status").GetString()!,
                    ReadDate(license.GetProperty("expires_at")),
                    ReadDate(license.GetProperty("updates_until")),
                    license.GetProperty("parallel_uses").GetInt32(),
                    license.GetProperty("entitlements").EnumerateArray().Select(e => e.GetString()!).ToArray(),
                    license.GetProperty("domains").EnumerateArray().Select(e => e.GetString()!).ToArray(),
                    license.GetProperty("machine").GetString()));
            return string.Equals(claims.Issuer, options.Value.Issuer, StringComparison.Ordinal)
                ? claims
                : throw Invalid("The license_file was issued by another issuer.");
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            // Signed by us, so well formed unless another program signs with our key: refuse rather than fail.
            throw Invalid("The license_file's claims are not those of a KeyBox license file.");
        }
    }

    public ValueTask<IReadOnlyList<PublicSigningKey>> GetPublishedKeysAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<PublicSigningKey> keys = CurrentRing.All.Where(k => k.IsPublishedAt(now)).Select(k => k.ToPublic()).ToList();
        return ValueTask.FromResult(keys);
    }

    public async ValueTask<PublicSigningKey> RotateAsync(CancellationToken cancellationToken)
    {
        string keyId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeyBoxDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockId})", cancellationToken);
            var now = clock.GetUtcNow();
            var publishedUntil = now + options.Value.LicenseFileTtl;
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE signing_keys SET retired_at = {now}, published_until = {publishedUntil} WHERE retired_at IS NULL", cancellationToken);
            keyId = await InsertNewKeyAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Rotated the signing key: {KeyId} signs from now on", keyId);
        await ReloadAsync(cancellationToken);
        // The key this rotation made (a concurrent rotation, here or on another process, may already have followed it).
        return CurrentRing.All.First(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal)).ToPublic();
    }

    /// <summary>A published key by <c>kid</c>; an unknown one is looked up in the database (at most every few seconds).</summary>
    private async ValueTask<LoadedKey?> FindPublishedKeyAsync(string kid, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = CurrentRing.All.FirstOrDefault(k => string.Equals(k.KeyId, kid, StringComparison.Ordinal));
        if (key is null && kid.Length <= 64 && now - _lastMissReload > MissingKeyMemory)
        {
            _lastMissReload = now;
            await ReloadAsync(cancellationToken);
            key = CurrentRing.All.FirstOrDefault(k => string.Equals(k.KeyId, kid, StringComparison.Ordinal));
        }

        return key is not null && key.IsPublishedAt(now) ? key : null;
    }

    private async Task<string> InsertNewKeyAsync(KeyBoxDbContext db, CancellationToken cancellationToken)
    {
        using var key = Key.Create(Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var seed = key.Export(KeyBlobFormat.RawPrivateKey);
        var publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var keyId = Thumbprint(publicKey);
        var x = Base64Url.EncodeToString(publicKey);
        var encrypted = protector.Protect(seed, PrivateKeyPurpose(keyId));
        CryptographicOperations.ZeroMemory(seed);
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO signing_keys (id, public_key, private_key, created_at) VALUES ({keyId}, {x}, {encrypted}, {now})", cancellationToken);
        return keyId;
    }

    private LoadedKey Load(StoredSigningKey stored)
    {
        var key = _loaded.GetOrAdd(stored.Id, _ =>
        {
            var seed = protector.Unprotect(stored.PrivateKey, PrivateKeyPurpose(stored.Id));
            try
            {
                var privateKey = Key.Import(Ed25519, seed, KeyBlobFormat.RawPrivateKey);
                var publicBytes = privateKey.PublicKey.Export(KeyBlobFormat.RawPublicKey);
                if (!string.Equals(Base64Url.EncodeToString(publicBytes), stored.PublicKey, StringComparison.Ordinal))
                {
                    throw new CryptographicException($"The signing key {stored.Id} does not match its stored public key.");
                }

                return new LoadedKey(stored.Id, privateKey, publicBytes, stored.CreatedAt);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(seed);
            }
        });
        key.RetiredAt = stored.RetiredAt;
        key.PublishedUntil = stored.PublishedUntil;
        return key;
    }

    private static string Sign(LoadedKey key, string encodedHeader, ReadOnlySpan<byte> payload)
    {
        var encodedPayloadLength = Base64Url.GetEncodedLength(payload.Length);
        var input = new byte[encodedHeader.Length + 1 + encodedPayloadLength];
        Encoding.ASCII.GetBytes(encodedHeader, input);
        input[encodedHeader.Length] = (byte)'.';
        Base64Url.EncodeToUtf8(payload, input.AsSpan(encodedHeader.Length + 1));
        Span<byte> signature = stackalloc byte[64];
        Ed25519.Sign(key.Private, input, signature);
        return string.Create(input.Length + 1 + Base64Url.GetEncodedLength(signature.Length), (input, signature.ToArray()), static (chars, state) =>
        {
            Encoding.ASCII.GetChars(state.input, chars);
            chars[state.input.Length] = '.';
            Base64Url.EncodeToChars(state.Item2, chars[(state.input.Length + 1)..]);
        });
    }

    /// <summary>RFC 7638 JWK thumbprint of an Ed25519 public key (RFC 8037 §2).</summary>
    private static string Thumbprint(byte[] publicKey) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes($"{{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"{Base64Url.EncodeToString(publicKey)}\"}}")));

    private static bool IsBase64Url(string part) => part.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');

    private static void WriteDate(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } date)
        {
            json.WriteString(name, date.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static DateTimeOffset? ReadDate(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? null : DateTimeOffset.Parse(element.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static DomainException Invalid(string message) => new(ErrorCodes.LicenseFileInvalid, message);

    private sealed class LoadedKey(string keyId, Key privateKey, byte[] publicKey, DateTimeOffset createdAt)
    {
        public string KeyId { get; } = keyId;

        public Key Private { get; } = privateKey;

        public PublicKey Public => Private.PublicKey;

        public byte[] PublicBytes { get; } = publicKey;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public DateTimeOffset? RetiredAt { get; set; }

        public DateTimeOffset? PublishedUntil { get; set; }

        /// <summary>The JOSE header of license files, base64url.</summary>
        public string JwtHeader { get; } = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{{\"alg\":\"EdDSA\",\"typ\":\"JWT\",\"kid\":\"{keyId}\"}}"));

        /// <summary>The JOSE header of response signatures (no <c>typ</c>), base64url.</summary>
        public string ResponseHeader { get; } = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{{\"alg\":\"EdDSA\",\"kid\":\"{keyId}\"}}"));

        public bool IsPublishedAt(DateTimeOffset now) => RetiredAt is null || PublishedUntil is null || PublishedUntil > now;

        public PublicSigningKey ToPublic() => new(KeyId, PublicBytes, CreatedAt, RetiredAt, PublishedUntil);
    }

    private sealed record Ring(LoadedKey Current, IReadOnlyList<LoadedKey> All);
}

/// <summary>Re-reads the signing key ring every <see cref="SigningOptions.RefreshSeconds"/>: a rotation made by another process reaches this one.</summary>
internal sealed class SigningKeyRefresher(LicenseSigner signer, IOptions<SigningOptions> options, ILogger<SigningKeyRefresher> logger) : Microsoft.Extensions.Hosting.BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.RefreshSeconds;
        if (seconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await signer.ReloadAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not re-read the signing keys; the ones in memory stay in use");
            }
        }
    }
}
