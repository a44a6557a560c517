using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace KeyBox.Verification;

/// <summary>Verifies KeyBox license files and KeyBox-Signature headers with BouncyCastle, from the JWKS alone.</summary>
public static class KeyBoxVerifier
{
    /// <summary>The claims of a compact JWS whose EdDSA signature holds under a key of the JWKS; otherwise null.</summary>
    public static JsonObject? VerifyJws(string jwks, string jws)
    {
        var parts = jws.Split('.');
        var header = parts.Length == 3 ? JsonNode.Parse(Base64Url(parts[0])) : null;
        var jwk = JsonNode.Parse(jwks)!["keys"]!.AsArray().FirstOrDefault(k => (string?)k!["kid"] == (string?)header?["kid"]);
        if (header is null || (string?)header["alg"] != "EdDSA" || jwk is null)
        {
            return null;
        }

        var signer = new Ed25519Signer();
        signer.Init(false, new Ed25519PublicKeyParameters(Base64Url((string)jwk["x"]!)));
        var input = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        signer.BlockUpdate(input, 0, input.Length);
        return signer.VerifySignature(Base64Url(parts[2])) ? JsonNode.Parse(Base64Url(parts[1]))!.AsObject() : null;
    }

    public static bool VerifyLicenseFile(string jwks, string licenseFile, string productId, string fingerprint)
    {
        var claims = VerifyJws(jwks, licenseFile);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), skew = 300;
        return claims is not null && (long)claims["nbf"]! <= now + skew && (long)claims["exp"]! >= now - skew
            && (string?)claims["license"]!["product_id"] == productId && (string?)claims["license"]!["machine"] == fingerprint;
    }

    public static bool VerifyResponse(string jwks, string signature, byte[] body, string nonce, string path)
    {
        var claims = VerifyJws(jwks, signature);
        return claims is not null && (string?)claims["sha256"] == Convert.ToBase64String(SHA256.HashData(body)).TrimEnd('=').Replace('+', '-').Replace('/', '_')
            && (string?)claims["nonce"] == nonce && (string?)claims["path"] == path;
    }

    private static byte[] Base64Url(string s) => Convert.FromBase64String(s.Replace('-', '+').Replace('_', '/').PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
}
