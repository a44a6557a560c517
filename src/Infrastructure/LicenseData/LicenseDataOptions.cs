namespace KeyBox.Infrastructure.LicenseData;

public sealed class LicenseDataOptions
{
    public const string Section = "LicenseData";

    /// <summary><c>aes-256-gcm</c> (default), <c>aes-128-gcm</c>, <c>aes-256-cbc</c> or <c>aes-128-cbc</c> (CBC with HMAC-SHA256).</summary>
    public string Cipher { get; set; } = LicenseCiphers.Aes256Gcm;

    /// <summary>
    /// The key, base64 or hex (16 bytes for AES-128, 32 for AES-256). When absent a key is generated once and
    /// kept in the database. Changing it rotates: new tokens use the new key, older ones still verify.
    /// </summary>
    public string? Key { get; set; }
}

public static class LicenseCiphers
{
    public const string Aes128Cbc = "aes-128-cbc";
    public const string Aes256Cbc = "aes-256-cbc";
    public const string Aes128Gcm = "aes-128-gcm";
    public const string Aes256Gcm = "aes-256-gcm";

    public static readonly IReadOnlyList<string> All = [Aes128Cbc, Aes256Cbc, Aes128Gcm, Aes256Gcm];

    public static int KeyLength(string cipher) => cipher.StartsWith("aes-128", StringComparison.Ordinal) ? 16 : 32;

    public static string Normalize(string? cipher)
    {
        var value = (cipher ?? Aes256Gcm).Trim().ToLowerInvariant();
        return All.Contains(value)
            ? value
            : throw new InvalidOperationException($"LicenseData:Cipher must be one of {string.Join(", ", All)}; '{cipher}' is not supported.");
    }
}
