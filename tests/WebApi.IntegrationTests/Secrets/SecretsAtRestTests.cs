using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Infrastructure.LicenseData;
using KeyBox.Infrastructure.Secrets;
using KeyBox.WebApi.IntegrationTests.Testing;
using KeyBox.WebApi.IntegrationTests.Webhooks;
using Npgsql;

namespace KeyBox.WebApi.IntegrationTests.Secrets;

/// <summary>
/// Secrets at rest: what a database dump holds (read with plain SQL, as an attacker with a backup would), and that the
/// secrets it holds encrypted are still the ones the server uses.
/// </summary>
public sealed class SecretsAtRestTests : WebhookTest
{
    private const string Site = "https://secrets.example";
    private const string WebhookSecret = "receiver-secret-at-rest-0123456789";
    private static readonly SecretProtector TestProtector = new(Convert.FromBase64String(KeyBoxFactory.MasterKey));

    [Test]
    public async Task A_webhook_secret_is_stored_encrypted_and_deliveries_are_still_signed_with_it()
    {
        var receiver = await StartReceiverAsync();
        var server = await StartDispatcherAsync();
        using var admin = server.CreateClientWithKey(KeyBoxFactory.InternalKey);
        var webhookId = (await CreateWebhookAsync(receiver.Url, WebhookSecret, client: admin))["id"]!.GetValue<string>();

        var dump = await DumpAsync("webhook_endpoints");
        var stored = await ScalarAsync($"SELECT secret FROM webhook_endpoints WHERE id = '{webhookId}'");
        Assert.Multiple(() =>
        {
            Assert.That(dump, Does.Not.Contain(WebhookSecret), "no column holds the secret");
            Assert.That(stored, Does.StartWith("kbs1:"));
            Assert.That(TestProtector.UnprotectText(stored, SecretPurposes.WebhookSecret), Is.EqualTo(WebhookSecret));
        });

        await CreateProductAsync("PROD-001");
        await CreateLicenseAsync("PROD-001", new { license_code = "AT-REST-0001" });
        var delivered = (await receiver.WaitForEventAsync("license.created")).Single();
        Assert.That(delivered.Header("X-Webhook-Signature"), Is.EqualTo(HmacHex(WebhookSecret, delivered.RawBody)));

        // A changed secret is stored encrypted too.
        const string changed = "another-receiver-secret-9876543210";
        await SendAsync(admin, HttpMethod.Put, $"/api/internal/webhooks/{webhookId}", new { secret = changed }, HttpStatusCode.OK);
        Assert.That(await DumpAsync("webhook_endpoints"), Does.Not.Contain(changed).And.Contain("kbs1:"));
        Assert.That(TestProtector.UnprotectText(await ScalarAsync($"SELECT secret FROM webhook_endpoints WHERE id = '{webhookId}'"), SecretPurposes.WebhookSecret), Is.EqualTo(changed));
    }

    [Test]
    public async Task The_jwt_signing_key_is_stored_encrypted_and_is_the_key_that_signs_tokens()
    {
        var stored = await ScalarAsync("SELECT value FROM server_secrets WHERE name = 'jwt_signing_key'");
        var key = Convert.FromBase64String(TestProtector.UnprotectText(stored, SecretPurposes.ServerSecret("jwt_signing_key")));
        var dump = await DumpAsync("server_secrets");

        Assert.Multiple(() =>
        {
            Assert.That(stored, Does.StartWith("kbs1:"));
            Assert.That(key, Has.Length.EqualTo(64));
            Assert.That(dump, Does.Not.Contain(Convert.ToBase64String(key)).And.Not.Contain(Convert.ToHexStringLower(key)));
        });

        var token = await LogInAsync(Server);
        Assert.That(SignedWith(token, key), Is.True, "the key in the database, once decrypted, is the key that signs tokens");
    }

    [Test]
    public async Task License_data_keys_are_stored_encrypted_and_are_the_keys_of_the_tokens()
    {
        await CreateProductAsync("P");
        await CreateLicenseAsync("P", new { license_code = "KEYS-0001" });
        using var client = ClientAt(Site);
        var token = (await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "P", license_code = "KEYS-0001" }, HttpStatusCode.OK))["lic_response"]!.GetValue<string>();

        var rows = await ReadAsync("SELECT id, cipher, material FROM license_data_keys");
        var dump = await DumpAsync("license_data_keys");
        Assert.That(rows, Is.Not.Empty);
        var keys = rows.Select(r => new LicenseDataKey((int)r[0], (string)r[1], TestProtector.Unprotect((string)r[2], SecretPurposes.LicenseDataKey((int)r[0])), DateTimeOffset.UtcNow)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => (string)r[2]), Has.All.StartWith("kbs1:"));
            foreach (var key in keys)
            {
                Assert.That(dump, Does.Not.Contain(Convert.ToBase64String(key.Material)).And.Not.Contain(Convert.ToHexStringLower(key.Material)));
            }
        });

        var (keyId, bytes) = LicenseTokenCodec.Peek(token)!.Value;
        Assert.That(LicenseTokenCodec.Decode(keys.Single(k => k.Id == keyId), bytes), Is.Not.Null, "the decrypted key reads the token");
    }

    [Test]
    public async Task Secrets_an_older_version_stored_in_clear_are_encrypted_on_first_start_and_keep_working()
    {
        var originalJwtKey = await ScalarAsync("SELECT value FROM server_secrets WHERE name = 'jwt_signing_key'");
        var jwtKey = RandomNumberGenerator.GetBytes(64);
        const string cipher = LicenseCiphers.Aes256Gcm;
        var material = RandomNumberGenerator.GetBytes(32);
        var legacyKey = new LicenseDataKey(LicenseTokenCodec.KeyIdOf(cipher, material), cipher, material, DateTimeOffset.UtcNow);
        try
        {
            // A license activated before the upgrade, whose token was made with a key stored in clear.
            await CreateProductAsync("P");
            await CreateLicenseAsync("P", new { license_code = "LEGACY-0001" });
            using (var client = ClientAt(Site))
            {
                await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "P", license_code = "LEGACY-0001" }, HttpStatusCode.OK);
            }

            var activation = (await ReadAsync("SELECT a.id, a.license_id, l.product_id FROM activations a JOIN licenses l ON l.id = a.license_id")).Single();
            var legacyToken = LicenseTokenCodec.Encode(legacyKey, new LicenseTokenClaims((Guid)activation[0], (Guid)activation[1], (Guid)activation[2], DateTimeOffset.UtcNow));

            // What an older version left in the database: the JWT key, a license-data key (base64 after the
            // SecretsAtRest migration) and a webhook secret, all in clear.
            var receiver = await StartReceiverAsync();
            var webhookId = (await CreateWebhookAsync("https://hooks.example/keybox", WebhookSecret))["id"]!.GetValue<string>();
            await ExecuteAsync(
                "UPDATE server_secrets SET value = @jwt WHERE name = 'jwt_signing_key';"
                + "INSERT INTO license_data_keys (id, cipher, material, created_at) VALUES (@id, @cipher, @material, now() - interval '1 day');"
                + "UPDATE webhook_endpoints SET secret = @secret, url = @url;",
                ("jwt", Convert.ToBase64String(jwtKey)), ("id", legacyKey.Id), ("cipher", cipher), ("material", Convert.ToBase64String(material)),
                ("secret", WebhookSecret), ("url", receiver.Url));

            var upgraded = await StartDispatcherAsync();

            var jwtRow = await ScalarAsync("SELECT value FROM server_secrets WHERE name = 'jwt_signing_key'");
            var keyRow = await ScalarAsync($"SELECT material FROM license_data_keys WHERE id = {legacyKey.Id}");
            var secretRow = await ScalarAsync($"SELECT secret FROM webhook_endpoints WHERE id = '{webhookId}'");
            Assert.Multiple(() =>
            {
                Assert.That(new[] { jwtRow, keyRow, secretRow }, Has.All.StartWith("kbs1:"), "encrypted at start-up");
                Assert.That(TestProtector.UnprotectText(jwtRow, SecretPurposes.ServerSecret("jwt_signing_key")), Is.EqualTo(Convert.ToBase64String(jwtKey)));
                Assert.That(TestProtector.Unprotect(keyRow, SecretPurposes.LicenseDataKey(legacyKey.Id)), Is.EqualTo(material));
                Assert.That(TestProtector.UnprotectText(secretRow, SecretPurposes.WebhookSecret), Is.EqualTo(WebhookSecret));
            });

            // ... and still the secrets in use: tokens signed with the old JWT key, the old license token, the webhook signature.
            var token = await LogInAsync(upgraded);
            Assert.That(SignedWith(token, jwtKey), Is.True);
            using (var bearer = upgraded.CreateClient())
            {
                bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                await SendAsync(bearer, HttpMethod.Get, "/api/internal/webhooks", null, HttpStatusCode.OK);
            }

            using (var client = ClientAt(Site, server: upgraded))
            {
                await SendAsync(client, HttpMethod.Post, "/api/external/license/verify", new { product_id = "P", license_data = legacyToken }, HttpStatusCode.OK);
            }

            await CreateLicenseAsync("P", new { license_code = "LEGACY-0002" });
            var delivered = (await receiver.WaitForEventAsync("license.created")).First();
            Assert.That(delivered.Header("X-Webhook-Signature"), Is.EqualTo(HmacHex(WebhookSecret, delivered.RawBody)));

            // Starting again changes nothing (the pass is idempotent).
            await StopServerAsync(upgraded);
            await StartServerAsync([]);
            Assert.That(await ScalarAsync("SELECT value FROM server_secrets WHERE name = 'jwt_signing_key'"), Is.EqualTo(jwtRow));
        }
        finally
        {
            // The shared server keeps its signing key in memory: servers started by later tests must read the same one.
            await ExecuteAsync(
                "UPDATE server_secrets SET value = @jwt WHERE name = 'jwt_signing_key'; DELETE FROM license_data_keys WHERE id = @id;",
                ("jwt", originalJwtKey), ("id", legacyKey.Id));
        }
    }

    [Test]
    public async Task A_server_with_another_master_key_refuses_to_start_and_changes_nothing()
    {
        var before = await DumpAsync("server_secrets") + await DumpAsync("license_data_keys");
        var wrongKey = new KeyBoxFactory(new Dictionary<string, string?> { ["Secrets:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
        try
        {
            var ex = Assert.Catch(() => _ = wrongKey.Server);
            var messages = string.Join(" | ", Flatten(ex!).Select(e => e.Message));
            Assert.That(messages, Does.Contain("another master key").And.Contain("will not start"));
        }
        finally
        {
            await wrongKey.DisposeAsync();
        }

        Assert.That(await DumpAsync("server_secrets") + await DumpAsync("license_data_keys"), Is.EqualTo(before));
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private static async Task<string> LogInAsync(KeyBoxFactory server)
    {
        using var anonymous = server.CreateClient();
        var json = await SendAsync(anonymous, HttpMethod.Post, "/auth/login", new { email = KeyBoxFactory.AdminEmail, password = KeyBoxFactory.AdminPassword }, HttpStatusCode.OK);
        return json["data"]!["token"]!.GetValue<string>();
    }

    /// <summary>Whether the HS256 JWT's signature was made with <paramref name="key"/>.</summary>
    private static bool SignedWith(string jwt, byte[] key)
    {
        var lastDot = jwt.LastIndexOf('.');
        var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(jwt[..lastDot]));
        return Base64Url.EncodeToString(signature) == jwt[(lastDot + 1)..];
    }

    private static string HmacHex(string secret, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Every row of <paramref name="table"/> as text, as a dump would show it.</summary>
    private static async Task<string> DumpAsync(string table) =>
        await ScalarAsync($"SELECT COALESCE(string_agg(t::text, E'\\n' ORDER BY t::text), '') FROM {table} t");

    private static async Task<string> ScalarAsync(string sql) => (string)(await ReadAsync(sql)).Single()[0];

    private static async Task<List<object[]>> ReadAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    private static async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
