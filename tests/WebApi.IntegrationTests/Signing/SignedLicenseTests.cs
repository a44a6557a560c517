using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KeyBox.Verification;
using KeyBox.WebApi.IntegrationTests.Accounts;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Signing;

/// <summary>
/// Signed licenses (CONTRACTS.md, "Signed licenses — offline verification"): the JWKS, license files on activation and
/// on their own routes, offline activation and deactivation, rotation, and the KeyBox-Signature header.
/// </summary>
public sealed class SignedLicenseTests : AccountsTest
{
    private const string Product = "SIGNED-1";
    private const string Code = "SIGNED-LIC-0001";

    [Test]
    public async Task Jwks_is_public_cacheable_and_answers_304_to_its_etag()
    {
        using var response = await Anonymous.GetAsync("/.well-known/jwks.json");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var jwks = await ReadObjectAsync(response);
        var keys = jwks["keys"]!.AsArray();
        Assert.That(keys, Is.Not.Empty);
        var key = keys[0]!.AsObject();
        Assert.That(key.Select(p => p.Key), Is.EquivalentTo(new[] { "kty", "crv", "x", "kid", "use", "alg" }));
        Assert.Multiple(() =>
        {
            Assert.That((string?)key["kty"], Is.EqualTo("OKP"));
            Assert.That((string?)key["crv"], Is.EqualTo("Ed25519"));
            Assert.That((string?)key["alg"], Is.EqualTo("EdDSA"));
            Assert.That((string?)key["use"], Is.EqualTo("sig"));
            Assert.That(Convert.FromBase64String(((string)key["x"]!).Replace('-', '+').Replace('_', '/') + "="), Has.Length.EqualTo(32));
            Assert.That(response.Headers.CacheControl?.Public, Is.True, "the key set may be cached");
            Assert.That(response.Headers.CacheControl?.MaxAge, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(response.Headers.ETag, Is.Not.Null);
        });

        using var again = new HttpRequestMessage(HttpMethod.Get, "/.well-known/jwks.json");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await Anonymous.SendAsync(again);
        Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(await notModified.Content.ReadAsByteArrayAsync(), Is.Empty);

        using var other = new HttpRequestMessage(HttpMethod.Get, "/.well-known/jwks.json");
        other.Headers.TryAddWithoutValidation("If-None-Match", "\"another\"");
        using var full = await Anonymous.SendAsync(other);
        Assert.That(full.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task External_and_KeyBox_activations_answer_with_a_license_file_bound_to_the_machine()
    {
        await CreateProductAsync(Product);
        await CreateLicenseAsync(Product, new { license_code = Code, parallel_uses = 3, services = new[] { "PRO" } });
        var jwks = await JwksAsync();

        var external = await SendAsync(External, HttpMethod.Post, "/api/external/license/activate",
            new { product_id = Product, license_code = Code, machine_id = "machine-A" }, HttpStatusCode.OK);
        JsonAssert.IsString(external["license_file"], "license_file");
        Assert.That(external["lic_response"], Is.Not.Null, "existing fields stay");
        var file = (string)external["license_file"]!;
        Assert.That(KeyBoxVerifier.VerifyLicenseFile(jwks, file, Product, "machine-A"), Is.True);
        Assert.That(KeyBoxVerifier.VerifyLicenseFile(jwks, file, Product, "machine-B"), Is.False);

        var claims = KeyBoxVerifier.VerifyJws(jwks, file)!;
        var header = JsonNode.Parse(Base64Url(file.Split('.')[0]))!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That((string?)header["alg"], Is.EqualTo("EdDSA"));
            Assert.That((string?)header["typ"], Is.EqualTo("JWT"));
            Assert.That((string?)header["kid"], Is.EqualTo((string?)JsonNode.Parse(jwks)!["keys"]![0]!["kid"]), "signed with the current key");
            Assert.That((string?)claims["iss"], Is.EqualTo("keybox"));
            Assert.That((string?)claims["sub"], Is.EqualTo(Code));
            Assert.That((string?)claims["jti"], Is.Not.Empty);
            Assert.That((long)claims["exp"]! - (long)claims["iat"]!, Is.EqualTo(30 * 86400), "Signing:LicenseFileTtlDays, 30 by default");
            Assert.That((long)claims["nbf"]!, Is.EqualTo((long)claims["iat"]!));
            var license = claims["license"]!.AsObject();
            Assert.That(license.Select(p => p.Key), Is.EquivalentTo(new[]
            {
                "license_code", "product_id", "type", "status", "expires_at", "updates_until", "parallel_uses", "entitlements", "domains", "machine",
            }));
            Assert.That((string?)license["license_code"], Is.EqualTo(Code));
            Assert.That((int)license["parallel_uses"]!, Is.EqualTo(3));
            Assert.That(license["entitlements"]!.AsArray().Select(e => (string?)e), Is.EqualTo(new[] { "PRO" }));
            Assert.That((string?)license["status"], Is.EqualTo("active"));
        });

        var keyBox = await SendAsync(Anonymous, HttpMethod.Post, "/validate/activate",
            RawJson($$"""{"key":"{{Code}}","machineId":"machine-K","instanceId":"i-1"}"""), HttpStatusCode.OK);
        JsonAssert.IsString(keyBox["license_file"], "license_file");
        Assert.That(KeyBoxVerifier.VerifyLicenseFile(jwks, (string)keyBox["license_file"]!, Product, "machine-K"), Is.True);
    }

    [Test]
    public async Task A_license_file_never_outlives_its_license()
    {
        await CreateProductAsync(Product);
        var expiresAt = DateTimeOffset.UtcNow.AddDays(5).ToString("yyyy-MM-dd");
        await CreateLicenseAsync(Product, new { license_code = Code, parallel_uses = 1, expires_at = expiresAt });
        var json = await SendAsync(External, HttpMethod.Post, "/api/external/license/offline-activation",
            new { product_id = Product, license_code = Code, fingerprint = "fp-1" }, HttpStatusCode.OK);
        var claims = KeyBoxVerifier.VerifyJws(await JwksAsync(), (string)json["license_file"]!)!;
        var expiry = DateTimeOffset.Parse((string)claims["license"]!["expires_at"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That((long)claims["exp"]!, Is.EqualTo(expiry.ToUnixTimeSeconds()));
        Assert.That(expiry, Is.LessThan(DateTimeOffset.UtcNow.AddDays(6)));
    }

    [Test]
    public async Task License_file_route_issues_a_file_for_a_token_and_refuses_as_verify()
    {
        await CreateProductAsync(Product);
        await CreateLicenseAsync(Product, new { license_code = Code, parallel_uses = 1 });
        var activated = await SendAsync(External, HttpMethod.Post, "/api/external/license/activate",
            new { product_id = Product, license_code = Code, machine_id = "m-1" }, HttpStatusCode.OK);
        var token = (string)activated["lic_response"]!;

        var json = await SendAsync(External, HttpMethod.Post, "/api/external/license/file", new { product_id = Product, license_data = token }, HttpStatusCode.OK);
        Assert.That(json.Select(p => p.Key), Is.EquivalentTo(new[] { "is_active", "message", "license_file" }));
        JsonAssert.IsBoolean(json["is_active"], true, "is_active");
        Assert.That((string?)json["message"], Is.EqualTo("License file issued."));
        Assert.That(KeyBoxVerifier.VerifyLicenseFile(await JwksAsync(), (string)json["license_file"]!, Product, "m-1"), Is.True);

        var refused = await SendAsync(External, HttpMethod.Post, "/api/external/license/file", new { product_id = Product, license_data = token + "x" }, HttpStatusCode.Forbidden);
        JsonAssert.IsBoolean(refused["is_active"], false, "is_active");
        var missing = await SendAsync(External, HttpMethod.Post, "/api/external/license/file", new { product_id = Product }, HttpStatusCode.UnprocessableEntity);
        JsonAssert.IsBoolean(missing["is_active"], false, "is_active");
        await SendAsync(Anonymous, HttpMethod.Post, "/api/external/license/file", new { product_id = Product, license_data = token }, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Offline_activation_takes_a_seat_refreshes_it_and_offline_deactivation_frees_it()
    {
        await CreateProductAsync(Product);
        var license = await CreateLicenseAsync(Product, new { license_code = Code, parallel_uses = 1 });
        var request = new { product_id = Product, license_code = Code, fingerprint = "fp-machine-1", client_name = "Air-gapped lab" };

        var first = await SendAsync(External, HttpMethod.Post, "/api/external/license/offline-activation", request, HttpStatusCode.OK);
        Assert.That(first.Select(p => p.Key), Is.EquivalentTo(new[] { "is_active", "message", "license_file" }));
        Assert.That((string?)first["message"], Is.EqualTo("Activated."));
        var again = await SendAsync(External, HttpMethod.Post, "/api/external/license/offline-activation", request, HttpStatusCode.OK);
        var jwks = await JwksAsync();
        Assert.That(KeyBoxVerifier.VerifyLicenseFile(jwks, (string)again["license_file"]!, Product, "fp-machine-1"), Is.True);

        var activations = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{(string)license["id"]!}/activations", null, HttpStatusCode.OK);
        var active = activations["data"]!.AsArray().Where(a => (bool)a!["is_active"]!).ToList();
        Assert.That(active, Has.Count.EqualTo(1), "the same fingerprint again refreshes its seat");
        Assert.That((string?)active[0]!["machine_id"], Is.EqualTo("fp-machine-1"));

        var full = await SendAsync(External, HttpMethod.Post, "/api/external/license/offline-activation",
            new { product_id = Product, license_code = Code, fingerprint = "fp-machine-2" }, HttpStatusCode.Forbidden);
        Assert.That((string?)full["code"], Is.EqualTo("ACTIVATION_LIMIT_REACHED"));

        var freed = await SendAsync(External, HttpMethod.Post, "/api/external/license/offline-deactivation", new { license_file = (string)first["license_file"]! }, HttpStatusCode.OK);
        Assert.That((string?)freed["message"], Is.EqualTo("Deactivated."));
        await SendAsync(External, HttpMethod.Post, "/api/external/license/offline-deactivation", new { license_file = (string)first["license_file"]! }, HttpStatusCode.NotFound);
        await SendAsync(External, HttpMethod.Post, "/api/external/license/offline-activation",
            new { product_id = Product, license_code = Code, fingerprint = "fp-machine-2" }, HttpStatusCode.OK);
    }

    [Test]
    public async Task Bad_offline_input_is_a_4xx_in_the_external_envelope()
    {
        await CreateProductAsync(Product);
        await CreateLicenseAsync(Product, new { license_code = Code, parallel_uses = 1 });
        foreach (var fingerprint in new object?[] { null, "", new string('a', 201), "machine-é", "two words", "tab\there", 42 })
        {
            var json = await SendAsync(External, HttpMethod.Post, "/api/external/license/offline-activation",
                new { product_id = Product, license_code = Code, fingerprint }, HttpStatusCode.UnprocessableEntity);
            JsonAssert.IsBoolean(json["is_active"], false, $"is_active for fingerprint {fingerprint}");
        }

        var genuine = (string)(await SendAsync(External, HttpMethod.Post, "/api/external/license/offline-activation",
            new { product_id = Product, license_code = Code, fingerprint = "fp-ok" }, HttpStatusCode.OK))["license_file"]!;
        var parts = genuine.Split('.');
        var header = JsonNode.Parse(Base64Url(parts[0]))!.AsObject();
        string WithHeader(object h) => ToBase64Url(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(h))) + "." + parts[1] + "." + parts[2];
        var badFiles = new Dictionary<string, string>
        {
            ["not a JWT"] = "not-a-jwt",
            ["two parts"] = parts[0] + "." + parts[1],
            ["not base64url"] = "a$b.c.d",
            ["header not JSON"] = "bm90IGpzb24." + parts[1] + "." + parts[2],
            ["alg none"] = WithHeader(new { alg = "none", typ = "JWT", kid = (string?)header["kid"] }).Split('.')[0] + "." + parts[1] + ".",
            ["alg none with signature"] = WithHeader(new { alg = "none", typ = "JWT", kid = (string?)header["kid"] }),
            ["HS256"] = WithHeader(new { alg = "HS256", typ = "JWT", kid = (string?)header["kid"] }),
            ["unknown kid"] = WithHeader(new { alg = "EdDSA", typ = "JWT", kid = "no-such-key" }),
            ["no kid"] = WithHeader(new { alg = "EdDSA", typ = "JWT" }),
            ["bad signature"] = parts[0] + "." + parts[1] + "." + Tamper(parts[2]),
            ["short signature"] = parts[0] + "." + parts[1] + ".AAAA",
            ["changed claim"] = parts[0] + "." + ToBase64Url(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Base64Url(parts[1])).Replace("fp-ok", "fp-xx"))) + "." + parts[2],
            ["oversized"] = new string('a', 20_000),
        };
        foreach (var (name, file) in badFiles)
        {
            using var response = await External.PostAsync("/api/external/license/offline-deactivation", Json(new { license_file = file }));
            var json = await ReadObjectAsync(response);
            Assert.That((int)response.StatusCode, Is.InRange(400, 499), $"{name}: {json.ToJsonString()}");
            JsonAssert.IsBoolean(json["is_active"], false, $"is_active ({name})");
            Assert.That((string?)json["message"], Is.Not.Empty, name);
        }

        await SendAsync(External, HttpMethod.Post, "/api/external/license/offline-deactivation", new { }, HttpStatusCode.UnprocessableEntity);
        await SendAsync(External, HttpMethod.Post, "/api/external/license/offline-deactivation", RawJson("""{"license_file":{"a":1}}"""), HttpStatusCode.UnprocessableEntity);
        // Nothing was deactivated by the forgeries.
        await SendAsync(External, HttpMethod.Post, "/api/external/license/offline-deactivation", new { license_file = genuine }, HttpStatusCode.OK);
    }

    [Test]
    public async Task Rotation_is_admin_only_and_keeps_the_old_key_published_while_its_files_can_be_valid()
    {
        using var developer = await DeveloperClientAsync("dev-signing@example.com");
        var refused = await SendAsync(developer, HttpMethod.Post, "/api/internal/signing-keys/rotate", null, HttpStatusCode.Forbidden);
        JsonAssert.IsBoolean(refused["status"], false, "status");

        await CreateProductAsync(Product);
        await CreateLicenseAsync(Product, new { license_code = Code, parallel_uses = 2 });
        var before = await JwksAsync();
        var oldKid = (string)JsonNode.Parse(before)!["keys"]![0]!["kid"]!;
        var oldFile = (string)(await SendAsync(External, HttpMethod.Post, "/api/external/license/offline-activation",
            new { product_id = Product, license_code = Code, fingerprint = "fp-old" }, HttpStatusCode.OK))["license_file"]!;

        var rotated = await SendAsync(Internal, HttpMethod.Post, "/api/internal/signing-keys/rotate", null, HttpStatusCode.OK);
        var newKid = (string)rotated["data"]!["kid"]!;
        Assert.That(newKid, Is.Not.EqualTo(oldKid));

        var after = await JwksAsync();
        var kids = JsonNode.Parse(after)!["keys"]!.AsArray().Select(k => (string)k!["kid"]!).ToList();
        Assert.That(kids[0], Is.EqualTo(newKid), "the current key first");
        Assert.That(kids, Does.Contain(oldKid), "the old key stays while its files can be valid");
        Assert.That(KeyBoxVerifier.VerifyLicenseFile(after, oldFile, Product, "fp-old"), Is.True);

        var newFile = (string)(await SendAsync(External, HttpMethod.Post, "/api/external/license/offline-activation",
            new { product_id = Product, license_code = Code, fingerprint = "fp-new" }, HttpStatusCode.OK))["license_file"]!;
        Assert.That((string?)JsonNode.Parse(Base64Url(newFile.Split('.')[0]))!["kid"], Is.EqualTo(newKid));

        // Beyond the files' lifetime the old key is no longer published, and its files are refused.
        Server.Clock.Advance(TimeSpan.FromDays(31));
        var later = await JwksAsync();
        Assert.That(JsonNode.Parse(later)!["keys"]!.AsArray().Select(k => (string)k!["kid"]!), Does.Not.Contain(oldKid));
        var gone = await SendAsync(External, HttpMethod.Post, "/api/external/license/offline-deactivation", new { license_file = oldFile }, HttpStatusCode.Forbidden);
        Assert.That((string?)gone["code"], Is.EqualTo("LICENSE_FILE_INVALID"));
    }

    [Test]
    public async Task Concurrent_rotations_on_two_processes_leave_exactly_one_current_key()
    {
        await using var other = new KeyBoxFactory();
        using var otherInternal = other.CreateClientWithKey(KeyBoxFactory.InternalKey);
        var before = await ScalarAsync("SELECT count(*) FROM signing_keys");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? Internal : otherInternal).PostAsync("/api/internal/signing-keys/rotate", null)));
        var kids = new List<string>();
        foreach (var response in responses)
        {
            var json = await ReadObjectAsync(response);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToJsonString());
            kids.Add((string)json["data"]!["kid"]!);
        }

        Assert.That(kids.Distinct().Count(), Is.EqualTo(6), "each rotation made its own key");
        Assert.That(await ScalarAsync("SELECT count(*) FROM signing_keys WHERE retired_at IS NULL"), Is.EqualTo(1), "one current key");
        Assert.That(await ScalarAsync("SELECT count(*) FROM signing_keys"), Is.EqualTo(before + 6));
        Assert.That(await ScalarAsync("SELECT count(*) FROM signing_keys WHERE private_key NOT LIKE 'kbs1:%'"), Is.Zero, "private keys are stored encrypted");
    }

    [Test]
    public async Task Signed_routes_carry_a_KeyBox_Signature_over_the_exact_body_and_the_nonce()
    {
        await CreateProductAsync(Product);
        await CreateLicenseAsync(Product, new { license_code = Code, parallel_uses = 5 });
        await CreateVersionAsync(Product, "v1", "1.0.0");
        var jwks = await JwksAsync();
        var kid = (string)JsonNode.Parse(jwks)!["keys"]![0]!["kid"]!;

        var calls = new (HttpClient Client, string Path, string Body)[]
        {
            (External, "/api/external/license/activate", $$"""{"product_id":"{{Product}}","license_code":"{{Code}}","machine_id":"m"}"""),
            (External, "/api/external/license/verify", $$"""{"product_id":"{{Product}}","license_data":"forged"}"""),
            (External, "/api/external/license/check", $$"""{"product_id":"{{Product}}","license_code":"{{Code}}"}"""),
            (External, "/api/external/license/offline-activation", """{"fingerprint":"é"}"""),
            (Anonymous, "/api/external/license/verify", "{}"),
            (External, "/api/external/update/check", $$"""{"product_id":"{{Product}}","current_version":"0.9.0"}"""),
            (External, "/api/external/update/latest", $$"""{"product_id":"{{Product}}"}"""),
            (Anonymous, "/validate", $$"""{"key":"{{Code}}","machineId":"m"}"""),
            (Anonymous, "/validate/activate", $$"""{"key":"{{Code}}","machineId":"m2"}"""),
            (Anonymous, "/validate", "not json"),
        };
        foreach (var (client, path, body) in calls)
        {
            var nonce = Guid.NewGuid().ToString("N");
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = RawJson(body) };
            request.Headers.Add("KeyBox-Nonce", nonce);
            using var response = await client.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.That(response.Headers.TryGetValues("KeyBox-Signature", out var values), Is.True, $"{path} ({(int)response.StatusCode}) is signed");
            var signature = values!.Single();
            var header = JsonNode.Parse(Base64Url(signature.Split('.')[0]))!.AsObject();
            Assert.That(header.Select(p => p.Key), Is.EquivalentTo(new[] { "alg", "kid" }), "the license file's header without typ");
            Assert.That((string?)header["kid"], Is.EqualTo(kid));
            Assert.That(KeyBoxVerifier.VerifyResponse(jwks, signature, bytes, nonce, path), Is.True, $"{path}: the signature covers the body, nonce and path");
            Assert.That(KeyBoxVerifier.VerifyResponse(jwks, signature, [.. bytes, (byte)' '], nonce, path), Is.False, $"{path}: changed body");
            Assert.That(KeyBoxVerifier.VerifyResponse(jwks, signature, bytes, Guid.NewGuid().ToString("N"), path), Is.False, $"{path}: replayed");
            Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(bytes.Length));
            var claims = KeyBoxVerifier.VerifyJws(jwks, signature)!;
            Assert.That((long)claims["iat"]!, Is.EqualTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Within(60));
        }

        // Without a nonce the payload says null; routes outside the list are not signed.
        using var plain = await External.PostAsync("/api/external/license/check", RawJson($$"""{"product_id":"{{Product}}","license_code":"{{Code}}"}"""));
        var plainClaims = KeyBoxVerifier.VerifyJws(jwks, plain.Headers.GetValues("KeyBox-Signature").Single())!;
        Assert.That(plainClaims["nonce"], Is.Null);
        Assert.That(plainClaims.ContainsKey("nonce"), Is.True);
        using var products = await Internal.GetAsync("/api/internal/products");
        Assert.That(products.Headers.Contains("KeyBox-Signature"), Is.False);
        using var connection = await External.GetAsync("/api/external/connection-check");
        Assert.That(connection.Headers.Contains("KeyBox-Signature"), Is.False);
    }

    private async Task<string> JwksAsync()
    {
        using var response = await Anonymous.GetAsync("/.well-known/jwks.json");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }

    internal static byte[] Base64Url(string s) =>
        Convert.FromBase64String(s.Replace('-', '+').Replace('_', '/').PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));

    internal static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The signature with one of its middle characters changed (a change of real signature bits).</summary>
    internal static string Tamper(string signature)
    {
        var chars = signature.ToCharArray();
        chars[20] = chars[20] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}
