using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace KeyBox.Client.Licensing.Signing;

/// <summary>
/// The server's public Ed25519 keys (its <c>/.well-known/jwks.json</c>), which verify license files and
/// <c>KeyBox-Signature</c> headers offline. Either embedded (<see cref="FromJwks"/>: a JWKS shipped with the app — no
/// network ever), or fetched from the server once and cached (<see cref="FromServer"/>); a fetched set is fetched again
/// when a <c>kid</c> it does not hold shows up (a rotation), at most once per <see cref="RefetchInterval"/>.
/// </summary>
public sealed class KeyBoxSigningKeys
{
    /// <summary>The path of the key set on the server.</summary>
    public const string JwksPath = ".well-known/jwks.json";

    private readonly Func<CancellationToken, Task<string>>? _fetch;
    private readonly SemaphoreSlim _fetchLock = new(1, 1);
    private IReadOnlyDictionary<string, Ed25519PublicKeyParameters>? _keys;
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    private KeyBoxSigningKeys(IReadOnlyDictionary<string, Ed25519PublicKeyParameters>? keys, Func<CancellationToken, Task<string>>? fetch)
    {
        _keys = keys;
        _fetch = fetch;
    }

    /// <summary>How soon an unknown <c>kid</c> may cause another fetch (default 5 minutes).</summary>
    public TimeSpan RefetchInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The key ids held now (the current key first), empty before the first fetch.</summary>
    public IReadOnlyCollection<string> KeyIds => _keys?.Keys.ToArray() ?? [];

    /// <summary>Keys embedded in the app: the JSON of the server's <c>/.well-known/jwks.json</c>.</summary>
    public static KeyBoxSigningKeys FromJwks(string jwks) => new(Parse(jwks), fetch: null);

    /// <summary>Keys fetched from the server behind <paramref name="http"/> (its BaseAddress) on first use, then cached.</summary>
    public static KeyBoxSigningKeys FromServer(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new KeyBoxSigningKeys(null, async cancellationToken =>
        {
            using var response = await http.GetAsync(new Uri(JwksPath, UriKind.Relative), cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        });
    }

    /// <summary>Keys fetched with <paramref name="fetchJwks"/> (returning the JWKS JSON) on first use, then cached.</summary>
    public static KeyBoxSigningKeys FromLoader(Func<CancellationToken, Task<string>> fetchJwks)
    {
        ArgumentNullException.ThrowIfNull(fetchJwks);
        return new KeyBoxSigningKeys(null, fetchJwks);
    }

    /// <summary>
    /// The payload of a compact JWS whose <c>EdDSA</c> signature holds under one of the keys; otherwise a
    /// <see cref="KeyBoxSignatureException"/> saying why.
    /// </summary>
    public async Task<JsonElement> VerifyAsync(string jws, CancellationToken cancellationToken = default)
    {
        var parts = (jws ?? string.Empty).Split('.');
        if (parts.Length != 3)
        {
            throw new KeyBoxSignatureException("Not a compact JWS (three base64url parts).");
        }

        string? alg, kid;
        try
        {
            using var header = JsonDocument.Parse(Base64Url.Decode(parts[0]));
            alg = header.RootElement.TryGetProperty("alg", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            kid = header.RootElement.TryGetProperty("kid", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw new KeyBoxSignatureException("The JWS header is not JSON.");
        }

        if (alg != "EdDSA")
        {
            throw new KeyBoxSignatureException($"The JWS is not signed with EdDSA (alg {alg ?? "missing"}).");
        }

        var key = kid is null ? null : await FindAsync(kid, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            throw new KeyBoxSignatureException($"The JWS names a key (kid {kid ?? "missing"}) the server does not publish.");
        }

        byte[] signature, payload;
        try
        {
            signature = Base64Url.Decode(parts[2]);
            payload = Base64Url.Decode(parts[1]);
        }
        catch (FormatException)
        {
            throw new KeyBoxSignatureException("The JWS is not base64url.");
        }

        var signer = new Ed25519Signer();
        signer.Init(false, key);
        var input = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        signer.BlockUpdate(input, 0, input.Length);
        if (!signer.VerifySignature(signature))
        {
            throw new KeyBoxSignatureException("The signature does not hold.");
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new KeyBoxSignatureException("The JWS payload is not JSON.");
        }
    }

    private async Task<Ed25519PublicKeyParameters?> FindAsync(string kid, CancellationToken cancellationToken)
    {
        if (_keys is not null && _keys.TryGetValue(kid, out var key))
        {
            return key;
        }

        if (_fetch is null || (_keys is not null && DateTimeOffset.UtcNow - _fetchedAt < RefetchInterval))
        {
            return null;
        }

        await _fetchLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_keys is null || !_keys.ContainsKey(kid))
            {
                _keys = Parse(await _fetch(cancellationToken).ConfigureAwait(false));
                _fetchedAt = DateTimeOffset.UtcNow;
            }
        }
        finally
        {
            _fetchLock.Release();
        }

        return _keys.TryGetValue(kid, out key) ? key : null;
    }

    private static Dictionary<string, Ed25519PublicKeyParameters> Parse(string jwks)
    {
        using var document = JsonDocument.Parse(jwks);
        var keys = new Dictionary<string, Ed25519PublicKeyParameters>(StringComparer.Ordinal);
        foreach (var jwk in document.RootElement.GetProperty("keys").EnumerateArray())
        {
            if (jwk.TryGetProperty("kty", out var kty) && kty.GetString() == "OKP"
                && jwk.TryGetProperty("crv", out var crv) && crv.GetString() == "Ed25519"
                && jwk.TryGetProperty("kid", out var kid) && kid.GetString() is { } id
                && jwk.TryGetProperty("x", out var x) && Base64Url.Decode(x.GetString()!) is { Length: 32 } raw)
            {
                keys[id] = new Ed25519PublicKeyParameters(raw);
            }
        }

        return keys;
    }
}

/// <summary>A license file or a response signature that does not verify; <see cref="Exception.Message"/> says why.</summary>
public sealed class KeyBoxSignatureException(string message) : Exception(message);

internal static class Base64Url
{
    public static byte[] Decode(string value) =>
        Convert.FromBase64String(value.Replace('-', '+').Replace('_', '/').PadRight(value.Length + ((4 - (value.Length % 4)) % 4), '='));

    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
