using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using KeyBox.Application.Common.Interfaces;

namespace KeyBox.Infrastructure.LicenseData;

/// <summary>
/// The token format: base64url( version(1) | key id(4) | cipher body ), ASCII without whitespace.
/// GCM body: nonce(12) | ciphertext | tag(16), the header authenticated as associated data.
/// CBC body: iv(16) | ciphertext | HMAC-SHA256(header | iv | ciphertext)(32), keys derived with HKDF.
/// The plaintext: activation id, license id, product id, issued-at (Unix ms).
/// </summary>
internal static class LicenseTokenCodec
{
    private const byte Version = 1;
    private const int HeaderLength = 5;
    private const int PayloadLength = 56;

    public static string Encode(LicenseDataKey key, LicenseTokenClaims claims)
    {
        Span<byte> payload = stackalloc byte[PayloadLength];
        claims.ActivationId.TryWriteBytes(payload[..16], bigEndian: true, out _);
        claims.LicenseId.TryWriteBytes(payload[16..32], bigEndian: true, out _);
        claims.ProductId.TryWriteBytes(payload[32..48], bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(payload[48..], claims.IssuedAt.ToUnixTimeMilliseconds());

        byte[] token;
        if (IsGcm(key.Cipher))
        {
            token = new byte[HeaderLength + 12 + PayloadLength + 16];
            WriteHeader(token, key.Id);
            var nonce = token.AsSpan(HeaderLength, 12);
            RandomNumberGenerator.Fill(nonce);
            using var gcm = new AesGcm(key.Material, 16);
            gcm.Encrypt(nonce, payload, token.AsSpan(HeaderLength + 12, PayloadLength), token.AsSpan(HeaderLength + 12 + PayloadLength, 16), token.AsSpan(0, HeaderLength));
        }
        else
        {
            var (encryptionKey, macKey) = DeriveCbcKeys(key.Material);
            using var aes = Aes.Create();
            aes.Key = encryptionKey;
            var iv = RandomNumberGenerator.GetBytes(16);
            var ciphertext = aes.EncryptCbc(payload, iv, PaddingMode.PKCS7);
            token = new byte[HeaderLength + 16 + ciphertext.Length + 32];
            WriteHeader(token, key.Id);
            iv.CopyTo(token, HeaderLength);
            ciphertext.CopyTo(token, HeaderLength + 16);
            HMACSHA256.HashData(macKey, token.AsSpan(0, HeaderLength + 16 + ciphertext.Length), token.AsSpan(HeaderLength + 16 + ciphertext.Length));
        }

        return Base64Url.EncodeToString(token);
    }

    /// <summary>The key id a token names, or null when it is not a token of this format.</summary>
    public static (int KeyId, byte[] Bytes)? Peek(string token)
    {
        if (token.Length is < 20 or > 1000)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return null;
        }

        // Base64url has several encodings of the same bytes (unused trailing bits): accept only the canonical one,
        // so that changing any character of a token invalidates it.
        if (bytes.Length <= HeaderLength || bytes[0] != Version || Base64Url.EncodeToString(bytes) != token)
        {
            return null;
        }

        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1, 4)), bytes);
    }

    public static LicenseTokenClaims? Decode(LicenseDataKey key, byte[] token)
    {
        Span<byte> payload = stackalloc byte[PayloadLength];
        if (IsGcm(key.Cipher))
        {
            if (token.Length != HeaderLength + 12 + PayloadLength + 16)
            {
                return null;
            }

            try
            {
                using var gcm = new AesGcm(key.Material, 16);
                gcm.Decrypt(token.AsSpan(HeaderLength, 12), token.AsSpan(HeaderLength + 12, PayloadLength), token.AsSpan(HeaderLength + 12 + PayloadLength, 16), payload, token.AsSpan(0, HeaderLength));
            }
            catch (AuthenticationTagMismatchException)
            {
                return null;
            }
        }
        else
        {
            var cipherLength = token.Length - HeaderLength - 16 - 32;
            if (cipherLength <= 0 || cipherLength % 16 != 0)
            {
                return null;
            }

            var (encryptionKey, macKey) = DeriveCbcKeys(key.Material);
            Span<byte> mac = stackalloc byte[32];
            HMACSHA256.HashData(macKey, token.AsSpan(0, token.Length - 32), mac);
            if (!CryptographicOperations.FixedTimeEquals(mac, token.AsSpan(token.Length - 32)))
            {
                return null;
            }

            using var aes = Aes.Create();
            aes.Key = encryptionKey;
            byte[] plain;
            try
            {
                plain = aes.DecryptCbc(token.AsSpan(HeaderLength + 16, cipherLength), token.AsSpan(HeaderLength, 16), PaddingMode.PKCS7);
            }
            catch (CryptographicException)
            {
                return null;
            }

            if (plain.Length != PayloadLength)
            {
                return null;
            }

            plain.CopyTo(payload);
        }

        return new LicenseTokenClaims(
            new Guid(payload[..16], bigEndian: true),
            new Guid(payload[16..32], bigEndian: true),
            new Guid(payload[32..48], bigEndian: true),
            DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(payload[48..])));
    }

    public static int KeyIdOf(string cipher, byte[] material)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData([.. System.Text.Encoding.ASCII.GetBytes(cipher), .. material], hash);
        return BinaryPrimitives.ReadInt32BigEndian(hash);
    }

    private static bool IsGcm(string cipher) => cipher.EndsWith("-gcm", StringComparison.Ordinal);

    private static void WriteHeader(Span<byte> token, int keyId)
    {
        token[0] = Version;
        BinaryPrimitives.WriteInt32BigEndian(token[1..5], keyId);
    }

    private static (byte[] EncryptionKey, byte[] MacKey) DeriveCbcKeys(byte[] material) => (
        HKDF.DeriveKey(HashAlgorithmName.SHA256, material, material.Length, info: "keybox license-data enc"u8.ToArray()),
        HKDF.DeriveKey(HashAlgorithmName.SHA256, material, 32, info: "keybox license-data mac"u8.ToArray()));
}
