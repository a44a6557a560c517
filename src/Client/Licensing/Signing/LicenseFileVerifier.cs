using System.Globalization;
using System.Text.Json;

namespace KeyBox.Client.Licensing.Signing;

/// <summary>What a verified license file states (its <c>license</c> claim, and the file's own validity).</summary>
public sealed record VerifiedLicenseFile(
    string KeyId,
    string Issuer,
    string LicenseCode,
    string ProductId,
    string Type,
    string Status,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? UpdatesUntil,
    int ParallelUses,
    IReadOnlyList<string> Entitlements,
    IReadOnlyList<string> Domains,
    string? Machine,
    DateTimeOffset IssuedAt,
    DateTimeOffset NotBefore,
    DateTimeOffset ValidUntil);

/// <summary>
/// Verifies a KeyBox license file offline (CONTRACTS.md, "Signed licenses"): its EdDSA signature under a key of the
/// server's JWKS (<see cref="KeyBoxSigningKeys"/>: embedded, or fetched once and cached), <c>nbf</c>/<c>exp</c> with a
/// clock-skew allowance, the product, and the machine fingerprint it is bound to. A file that fails any check throws a
/// <see cref="KeyBoxSignatureException"/> saying which.
/// </summary>
public sealed class LicenseFileVerifier
{
    private readonly KeyBoxSigningKeys _keys;
    private readonly TimeProvider _clock;

    /// <summary>A verifier of files for <paramref name="productId"/> (the product's reference id).</summary>
    public LicenseFileVerifier(KeyBoxSigningKeys keys, string productId, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentException.ThrowIfNullOrEmpty(productId);
        _keys = keys;
        ProductId = productId;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The product whose files this verifier accepts (the <c>license.product_id</c> claim).</summary>
    public string ProductId { get; }

    /// <summary>How far the local clock may be off (default 5 minutes).</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The issuer expected (<c>Signing__Issuer</c> on the server; default <c>keybox</c>); null accepts any.</summary>
    public string? Issuer { get; init; } = "keybox";

    /// <summary>
    /// Verifies <paramref name="licenseFile"/> for this machine (its default fingerprint, <see cref="MachineFingerprint.ForProduct"/>).
    /// Use <see cref="VerifyAsync(string, string?, bool, CancellationToken)"/> with another fingerprint, or with
    /// <c>requireMachine: false</c> for a file bound to a domain rather than a machine.
    /// </summary>
    public Task<VerifiedLicenseFile> VerifyAsync(string licenseFile, CancellationToken cancellationToken = default) =>
        VerifyAsync(licenseFile, MachineFingerprint.ForProduct(ProductId), requireMachine: true, cancellationToken);

    /// <summary>Verifies <paramref name="licenseFile"/>; with <paramref name="requireMachine"/> its machine must equal <paramref name="fingerprint"/>.</summary>
    public async Task<VerifiedLicenseFile> VerifyAsync(string licenseFile, string? fingerprint, bool requireMachine = true, CancellationToken cancellationToken = default)
    {
        var claims = await _keys.VerifyAsync(licenseFile, cancellationToken).ConfigureAwait(false);
        VerifiedLicenseFile file;
        try
        {
            var license = claims.GetProperty("license");
            file = new VerifiedLicenseFile(
                KeyIdOf(licenseFile),
                claims.GetProperty("iss").GetString()!,
                license.GetProperty("license_code").GetString()!,
                license.GetProperty("product_id").GetString()!,
                license.GetProperty("type").GetString()!,
                license.GetProperty("status").GetString()!,
                DateOf(license.GetProperty("expires_at")),
                DateOf(license.GetProperty("updates_until")),
                license.GetProperty("parallel_uses").GetInt32(),
                license.GetProperty("entitlements").EnumerateArray().Select(e => e.GetString()!).ToArray(),
                license.GetProperty("domains").EnumerateArray().Select(e => e.GetString()!).ToArray(),
                license.GetProperty("machine").GetString(),
                DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("iat").GetInt64()),
                DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("nbf").GetInt64()),
                DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64()));
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new KeyBoxSignatureException("The license file's claims are not those of a KeyBox license file.");
        }

        var now = _clock.GetUtcNow();
        if (Issuer is not null && file.Issuer != Issuer)
        {
            throw new KeyBoxSignatureException($"The license file was issued by {file.Issuer}, not {Issuer}.");
        }

        if (file.NotBefore > now + ClockSkew)
        {
            throw new KeyBoxSignatureException("The license file is not valid yet.");
        }

        if (file.ValidUntil < now - ClockSkew)
        {
            throw new KeyBoxSignatureException("The license file has expired: get a fresh one from the server.");
        }

        if (file.ProductId != ProductId)
        {
            throw new KeyBoxSignatureException("The license file is for another product.");
        }

        if (requireMachine && file.Machine != fingerprint)
        {
            throw new KeyBoxSignatureException("The license file is bound to another machine.");
        }

        return file;
    }

    private static string KeyIdOf(string jws)
    {
        using var header = JsonDocument.Parse(Base64Url.Decode(jws.Split('.')[0]));
        return header.RootElement.GetProperty("kid").GetString()!;
    }

    private static DateTimeOffset? DateOf(JsonElement value) =>
        value.ValueKind == JsonValueKind.Null ? null : DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
