using System.Security.Cryptography;
using System.Text;
using KeyBox.Application.Common.Interfaces;

namespace KeyBox.Infrastructure.Secrets;

/// <summary>
/// AES-256-GCM under the master key. The stored form is <c>kbs1:</c> + base64( key id(4) | nonce(12) | tag(16) |
/// ciphertext ), the purpose (UTF-8) authenticated as associated data. The key id (the first 4 bytes of
/// HMAC-SHA256(master key, "keybox master key id")) tells "another master key" apart from "altered".
/// </summary>
public sealed class SecretProtector : ISecretProtector
{
    public const string Prefix = "kbs1:";
    public const int MasterKeyLength = 32;

    private const int KeyIdLength = 4;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int HeaderLength = KeyIdLength + NonceLength + TagLength;

    private readonly byte[] _key;
    private readonly byte[] _keyId;

    public SecretProtector(ReadOnlySpan<byte> masterKey)
    {
        if (masterKey.Length != MasterKeyLength)
        {
            throw new ArgumentException($"The master key must be {MasterKeyLength} bytes.", nameof(masterKey));
        }

        _key = masterKey.ToArray();
        _keyId = HMACSHA256.HashData(_key, "keybox master key id"u8)[..KeyIdLength];
        KeyId = Convert.ToHexStringLower(_keyId);
    }

    public string KeyId { get; }

    public string Protect(ReadOnlySpan<byte> secret, string purpose)
    {
        var envelope = new byte[HeaderLength + secret.Length];
        _keyId.CopyTo(envelope, 0);
        var nonce = envelope.AsSpan(KeyIdLength, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var gcm = new AesGcm(_key, TagLength);
        gcm.Encrypt(nonce, secret, envelope.AsSpan(HeaderLength), envelope.AsSpan(KeyIdLength + NonceLength, TagLength), Encoding.UTF8.GetBytes(purpose));
        return Prefix + Convert.ToBase64String(envelope);
    }

    public byte[] Unprotect(string protectedSecret, string purpose)
    {
        if (!IsProtected(protectedSecret))
        {
            throw new CryptographicException($"The stored secret ({purpose}) is not encrypted (no '{Prefix}' envelope).");
        }

        byte[] envelope;
        try
        {
            envelope = Convert.FromBase64String(protectedSecret[Prefix.Length..]);
        }
        catch (FormatException)
        {
            throw new CryptographicException($"The stored secret ({purpose}) is not a well-formed '{Prefix}' envelope.");
        }

        if (envelope.Length < HeaderLength)
        {
            throw new CryptographicException($"The stored secret ({purpose}) is not a well-formed '{Prefix}' envelope.");
        }

        if (!envelope.AsSpan(0, KeyIdLength).SequenceEqual(_keyId))
        {
            throw new CryptographicException(
                $"The stored secret ({purpose}) was encrypted with another master key (key id {Convert.ToHexStringLower(envelope.AsSpan(0, KeyIdLength))}; "
                + $"this server's is {KeyId}). Configure the master key that goes with this database (Secrets:MasterKey or Secrets:MasterKeyFile).");
        }

        var secret = new byte[envelope.Length - HeaderLength];
        try
        {
            using var gcm = new AesGcm(_key, TagLength);
            gcm.Decrypt(envelope.AsSpan(KeyIdLength, NonceLength), envelope.AsSpan(HeaderLength), envelope.AsSpan(KeyIdLength + NonceLength, TagLength), secret, Encoding.UTF8.GetBytes(purpose));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new CryptographicException($"The stored secret ({purpose}) failed its integrity check: it was altered, or copied from another place.");
        }

        return secret;
    }

    public bool IsProtected(string? value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);
}
