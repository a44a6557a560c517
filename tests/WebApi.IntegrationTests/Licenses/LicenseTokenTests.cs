using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Infrastructure.LicenseData;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Licenses;

public sealed class LicenseTokenTests : IntegrationTest
{
    private const string Site = "https://tokens.example";

    [Test]
    public async Task Changing_any_character_of_a_token_invalidates_it()
    {
        var (client, token) = await ActivateAsync(Server);
        var positions = Enumerable.Range(0, 12).Concat(Enumerable.Range(token.Length - 12, 12)).Append(token.Length / 2).Distinct();
        foreach (var position in positions)
        {
            var replacement = token[position] == 'A' ? 'B' : 'A';
            var tampered = token[..position] + replacement + token[(position + 1)..];
            var json = await SendAsync(client, HttpMethod.Post, "/api/external/license/verify", new { product_id = "P", license_data = tampered }, HttpStatusCode.Forbidden);
            Assert.That(json["code"]!.GetValue<string>(), Is.EqualTo("LICENSE_DATA_INVALID"), $"position {position}");
        }

        foreach (var broken in new[] { token[..^1], token + "A", "garbage", token.ToUpperInvariant(), " " + token + "\n" })
        {
            using var response = await client.PostAsync("/api/external/license/verify", Json(new { product_id = "P", license_data = broken }));
            var expected = broken.Trim() == token ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            Assert.That(response.StatusCode, Is.EqualTo(expected), broken);
        }

        client.Dispose();
    }

    [Test]
    public async Task A_token_made_with_another_servers_key_is_refused()
    {
        var (client, token) = await ActivateAsync(Server);
        var genuine = Base64Url.DecodeFromChars(token);
        var claimsLikeTheGenuineOne = new LicenseTokenClaims(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow);
        foreach (var cipher in LicenseCiphers.All)
        {
            var material = RandomNumberGenerator.GetBytes(LicenseCiphers.KeyLength(cipher));
            var foreignKey = new LicenseDataKey(LicenseTokenCodec.KeyIdOf(cipher, material), cipher, material, DateTimeOffset.UtcNow);
            var foreign = LicenseTokenCodec.Encode(foreignKey, claimsLikeTheGenuineOne);
            var json = await SendAsync(client, HttpMethod.Post, "/api/external/license/verify", new { product_id = "P", license_data = foreign }, HttpStatusCode.Forbidden);
            Assert.That(json["code"]!.GetValue<string>(), Is.EqualTo("LICENSE_DATA_INVALID"));
        }

        // The genuine token's body under a key id the server knows but with a flipped tag byte.
        genuine[^1] ^= 0x01;
        await SendAsync(client, HttpMethod.Post, "/api/external/license/verify", new { product_id = "P", license_data = Base64Url.EncodeToString(genuine) }, HttpStatusCode.Forbidden);
        client.Dispose();
    }

    [Test]
    public async Task Tokens_survive_a_key_rotation_and_every_process_reads_every_key()
    {
        var firstKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var secondKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        await using var before = new KeyBoxFactory(new Dictionary<string, string?> { ["LicenseData:Key"] = firstKey });
        var (oldClient, oldToken) = await ActivateAsync(before, "ROTATE-001");

        await using var after = new KeyBoxFactory(new Dictionary<string, string?> { ["LicenseData:Key"] = secondKey });
        var (newClient, newToken) = await ActivateAsync(after, "ROTATE-002", createProduct: false);
        Assert.That(newToken[..8], Is.Not.EqualTo(oldToken[..8]), "new tokens name the new key");

        using var oldOnNew = ClientAt(Site, server: after);
        await SendAsync(oldOnNew, HttpMethod.Post, "/api/external/license/verify", new { product_id = "P", license_data = oldToken }, HttpStatusCode.OK);
        using var newOnOld = ClientAt(Site, server: before);
        await SendAsync(newOnOld, HttpMethod.Post, "/api/external/license/verify", new { product_id = "P", license_data = newToken }, HttpStatusCode.OK);
        oldClient.Dispose();
        newClient.Dispose();
    }

    [TestCase("aes-128-cbc")]
    [TestCase("aes-256-cbc")]
    [TestCase("aes-128-gcm")]
    [TestCase("aes-256-gcm")]
    public async Task Each_cipher_issues_tokens_that_verify_and_detect_tampering(string cipher)
    {
        await using var server = new KeyBoxFactory(new Dictionary<string, string?> { ["LicenseData:Cipher"] = cipher });
        var (client, token) = await ActivateAsync(server, "CIPHER-" + cipher.Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant());
        await SendAsync(client, HttpMethod.Post, "/api/external/license/verify", new { product_id = "P", license_data = token }, HttpStatusCode.OK);
        var tampered = token[..20] + (token[20] == 'x' ? 'y' : 'x') + token[21..];
        await SendAsync(client, HttpMethod.Post, "/api/external/license/verify", new { product_id = "P", license_data = tampered }, HttpStatusCode.Forbidden);
        client.Dispose();
    }

    private async Task<(HttpClient Client, string Token)> ActivateAsync(KeyBoxFactory server, string code = "TOKEN-0001", bool createProduct = true)
    {
        if (createProduct)
        {
            await CreateProductAsync("P");
        }

        await CreateLicenseAsync("P", new { license_code = code });
        var client = ClientAt(Site, server: server);
        var json = await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "P", license_code = code }, HttpStatusCode.OK);
        return (client, json["lic_response"]!.GetValue<string>());
    }
}
