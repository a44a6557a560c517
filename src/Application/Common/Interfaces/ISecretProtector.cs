using System.Text;

namespace KeyBox.Application.Common.Interfaces;

/// <summary>
/// Encrypts secrets the server must be able to read back (signing keys, license-data keys, webhook secrets) before
/// they are stored, with a key-encryption key that is not in the database. Each value is bound to a
/// <em>purpose</em> (where it is stored, e.g. <c>webhook_endpoints.secret</c>): it only decrypts for that purpose, so a
/// ciphertext cannot be moved to another column or row.
/// </summary>
public interface ISecretProtector
{
    /// <summary>A short public identifier of the key-encryption key (not secret): values encrypted with another key are told apart by it.</summary>
    string KeyId { get; }

    /// <summary>The stored form of <paramref name="secret"/>: a versioned, authenticated envelope (ASCII text).</summary>
    string Protect(ReadOnlySpan<byte> secret, string purpose);

    /// <summary>
    /// The secret inside <paramref name="protectedSecret"/>. Throws <see cref="System.Security.Cryptography.CryptographicException"/>
    /// with a clear message when it is not an envelope, was encrypted with another key-encryption key, was altered, or
    /// belongs to another purpose.
    /// </summary>
    byte[] Unprotect(string protectedSecret, string purpose);

    /// <summary>Whether <paramref name="value"/> has the form of a protected value (says nothing about which key made it).</summary>
    bool IsProtected(string? value);
}

public static class SecretProtectorExtensions
{
    /// <summary><see cref="ISecretProtector.Protect"/> for a text secret (UTF-8).</summary>
    public static string ProtectText(this ISecretProtector protector, string secret, string purpose) =>
        protector.Protect(Encoding.UTF8.GetBytes(secret), purpose);

    /// <summary><see cref="ISecretProtector.Unprotect"/> for a text secret (UTF-8).</summary>
    public static string UnprotectText(this ISecretProtector protector, string protectedSecret, string purpose) =>
        Encoding.UTF8.GetString(protector.Unprotect(protectedSecret, purpose));
}
