using System.Net;
using System.Text.Json;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Legacy;

/// <summary>The LicenseBox license routes as the unmodified PHP helper calls them: HTTP 200 and a JSON boolean status on every business outcome.</summary>
public sealed class LicenseBoxLicenseTests : IntegrationTest
{
    private const string Product = LicenseBoxClient.ProductId;

    private async Task<string> LicenseAsync(string code, object? extra = null)
    {
        await CreateProductAsync(Product);
        var body = new Dictionary<string, object?> { ["license_code"] = code };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            body[property.Name] = property.GetValue(extra);
        }

        var license = await SendAsync(Internal, HttpMethod.Post, "/api/internal/product-licenses",
            new Dictionary<string, object?>(body) { ["product_reference_id"] = Product }, HttpStatusCode.Created);
        return license["data"]!["id"]!.GetValue<string>();
    }

    [Test]
    public async Task Check_connection_answers_an_empty_array_and_an_empty_object()
    {
        using var client = new LicenseBoxClient(Server);
        foreach (var body in new[] { "[]", "{}" })
        {
            var (status, json) = await client.PostAsync("check_connection_ext", body);
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(json.ToJsonString(), Is.EqualTo("""{"status":true,"message":"Connection successful."}"""));
        }
    }

    [Test]
    public async Task Activation_returns_the_license_file_contents_and_the_documented_shape()
    {
        var id = await LicenseAsync("LB-ACT-0001");
        using var client = new LicenseBoxClient(Server);

        var json = await client.ActivateAsync("LB-ACT-0001");

        Assert.That(json.Select(p => p.Key), Is.EqualTo(new[] { "status", "message", "data", "lic_response" }));
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo($"Activated! Thanks for purchasing Product {Product}."));
        LegacyJson.IsNullField(json, "data");
        var token = LegacyJson.String(json, "lic_response");
        Assert.That(token, Is.EqualTo(token.Trim()).And.Match("^[A-Za-z0-9_-]+$"), "the client trims it and writes it to .lic");

        // The activation records the place the LB-* headers describe.
        var activations = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{id}/activations", null, HttpStatusCode.OK);
        var activation = activations["data"]!.AsArray().Single()!.AsObject();
        Assert.That(activation["domain"]!.GetValue<string>(), Is.EqualTo("shop.example"));
        Assert.That(activation["url"]!.GetValue<string>(), Is.EqualTo("http://shop.example/install/index.php"));
        Assert.That(activation["ip"]!.GetValue<string>(), Is.EqualTo("203.0.113.10"));
        Assert.That(activation["language"]!.GetValue<string>(), Is.EqualTo("english"));
        Assert.That(activation["client_name"]!.GetValue<string>(), Is.EqualTo("Jane Buyer"));
    }

    [Test]
    public async Task Verify_by_file_and_by_code_then_deactivate_then_verify_fails()
    {
        await LicenseAsync("LB-JOURNEY-1");
        using var client = new LicenseBoxClient(Server);
        var token = (await client.ActivateAsync("LB-JOURNEY-1"))["lic_response"]!.GetValue<string>();

        var byFile = await client.VerifyFileAsync(token);
        Assert.That(byFile.Select(p => p.Key), Is.EqualTo(new[] { "status", "message", "data" }));
        Assert.That(byFile["message"]!.GetValue<string>(), Is.EqualTo($"Verified! Thanks for purchasing Product {Product}."));
        LegacyJson.IsNullField(byFile, "data");

        var byCode = await client.VerifyCodeAsync("LB-JOURNEY-1");
        Assert.That(byCode["message"]!.GetValue<string>(), Is.EqualTo($"Verified! Thanks for purchasing Product {Product}."));

        var deactivated = await client.DeactivateFileAsync(token);
        Assert.That(deactivated.ToJsonString(), Is.EqualTo("""{"status":true,"message":"License was deactivated successfully."}"""));

        var byFileAfter = await client.VerifyFileAsync(token, expected: false);
        Assert.That(byFileAfter["message"]!.GetValue<string>(), Is.EqualTo("License is invalid or not assigned to you."));
        await client.VerifyCodeAsync("LB-JOURNEY-1", expected: false);
        await client.DeactivateFileAsync(token, expected: false);
    }

    [Test]
    public async Task Deactivation_by_code_frees_the_seat_for_another_site()
    {
        await LicenseAsync("LB-SEAT-0001", new { parallel_uses = 1 });
        using var first = new LicenseBoxClient(Server, "https://first.example/app/index.php");
        using var second = new LicenseBoxClient(Server, "https://second.example/app/index.php");
        await first.ActivateAsync("LB-SEAT-0001");

        var refused = await second.ActivateAsync("LB-SEAT-0001", expected: false);
        Assert.That(refused["message"]!.GetValue<string>(), Does.Contain("limit"));
        LegacyJson.IsNullField(refused, "lic_response");

        await first.DeactivateCodeAsync("LB-SEAT-0001");
        await second.ActivateAsync("LB-SEAT-0001");
    }

    [Test]
    public async Task Unknown_license_and_unknown_product_are_200_with_status_false_and_null_lic_response()
    {
        await CreateProductAsync(Product);
        using var client = new LicenseBoxClient(Server);

        var unknown = await client.ActivateAsync("NO-SUCH-CODE", expected: false);
        Assert.That(unknown["message"]!.GetValue<string>(), Is.EqualTo("Your license code is invalid."));
        LegacyJson.IsNullField(unknown, "lic_response");

        var unknownProduct = await client.CallAsync("activate_license", false,
            ("product_id", "NOPE"), ("license_code", "NO-SUCH-CODE"), ("client_name", "x"), ("verify_type", "envato"));
        LegacyJson.IsNullField(unknownProduct, "lic_response");

        await client.VerifyCodeAsync("NO-SUCH-CODE", expected: false);
        await client.DeactivateCodeAsync("NO-SUCH-CODE", expected: false);
    }

    [TestCase("blocked", "This license has been blocked.")]
    [TestCase("expired", "This license has expired.")]
    [TestCase("invalid", "This license is not valid.")]
    public async Task Unusable_licenses_are_refused_with_200_and_a_message(string state, string message)
    {
        var id = await LicenseAsync("LB-STATE-001", new { is_valid = state != "invalid", expires_at = state == "expired" ? "2020-01-01" : null });
        if (state == "blocked")
        {
            await SendAsync(Internal, HttpMethod.Post, $"/api/internal/blocked-product-licenses/{id}", null, HttpStatusCode.OK);
        }

        using var client = new LicenseBoxClient(Server);
        var json = await client.ActivateAsync("LB-STATE-001", expected: false);
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo(message));
        LegacyJson.IsNullField(json, "lic_response");
    }

    [Test]
    public async Task Blocking_an_activated_license_makes_verification_fail_with_200()
    {
        var id = await LicenseAsync("LB-BLOCK-001");
        using var client = new LicenseBoxClient(Server);
        var token = (await client.ActivateAsync("LB-BLOCK-001"))["lic_response"]!.GetValue<string>();
        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/blocked-product-licenses/{id}", null, HttpStatusCode.OK);

        await client.VerifyFileAsync(token, expected: false);
        await client.VerifyCodeAsync("LB-BLOCK-001", expected: false);
    }

    [Test]
    public async Task An_expired_license_fails_verification_with_200()
    {
        await LicenseAsync("LB-EXPIRE-01", new { expires_at = "2099-01-01" });
        using var client = new LicenseBoxClient(Server);
        var token = (await client.ActivateAsync("LB-EXPIRE-01"))["lic_response"]!.GetValue<string>();
        Server.Clock.Advance(TimeSpan.FromDays(365 * 80));

        await client.VerifyFileAsync(token, expected: false);
    }

    [Test]
    public async Task A_tampered_or_foreign_license_file_fails_verification_with_200()
    {
        await LicenseAsync("LB-TAMPER-01");
        using var client = new LicenseBoxClient(Server);
        var token = (await client.ActivateAsync("LB-TAMPER-01"))["lic_response"]!.GetValue<string>();
        var tampered = token[..12] + (token[12] == 'A' ? 'B' : 'A') + token[13..];

        var json = await client.VerifyFileAsync(tampered, expected: false);
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("License is invalid or not assigned to you."));
        await client.VerifyFileAsync("not a license file at all", expected: false);

        using var otherSite = new LicenseBoxClient(Server, "https://elsewhere.example/index.php");
        await otherSite.VerifyFileAsync(token, expected: false);
    }

    [Test]
    public async Task Without_license_file_or_code_the_client_sends_an_empty_array_and_gets_a_clear_200_refusal()
    {
        await CreateProductAsync(Product);
        using var client = new LicenseBoxClient(Server);
        foreach (var route in new[] { "verify_license", "deactivate_license", "activate_license" })
        {
            var json = await client.CallAsync(route, false);
            Assert.That(json["message"]!.GetValue<string>(), Does.Contain("license").IgnoreCase, route);
        }
    }

    [Test]
    public async Task Malformed_json_is_a_400_in_the_legacy_envelope()
    {
        // LicenseBox clients (PHP json_encode) never send a body that is not JSON: it is no business failure, so no 200.
        using var client = new LicenseBoxClient(Server);
        var (status, json) = await client.PostAsync("verify_license", "{\"product_id\": ");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        JsonAssert.IsBoolean(json["status"], false, "status");
        Assert.That(json["message"]!.GetValue<string>(), Does.Contain("not valid JSON"));
    }

    [Test]
    public async Task Numeric_product_ids_and_null_fields_are_accepted()
    {
        await CreateProductAsync("42");
        await SendAsync(Internal, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = "42", license_code = "LB-NUMERIC-1" }, HttpStatusCode.Created);
        using var client = new LicenseBoxClient(Server);

        var activated = await client.CallAsync("activate_license", true, ("product_id", 42), ("license_code", "LB-NUMERIC-1"), ("client_name", null), ("verify_type", null));
        await client.CallAsync("verify_license", true, ("product_id", 42), ("license_file", activated["lic_response"]!.GetValue<string>()), ("license_code", null), ("client_name", null));
    }

    [Test]
    public async Task Check_license_reports_usability_in_status_with_the_license_state()
    {
        var id = await LicenseAsync("LB-CHECK-001", new { parallel_uses = 3, type = "subscription", expires_at = "2099-12-31" });
        using var client = new LicenseBoxClient(Server);

        var usable = await client.CallAsync("check_license", true, ("product_id", Product), ("license_code", "LB-CHECK-001"), ("client_name", "Jane"));
        var data = usable["data"]!.AsObject();
        Assert.That(data["license_code"]!.GetValue<string>(), Is.EqualTo("LB-CHECK-001"));
        Assert.That(data["product_id"]!.GetValue<string>(), Is.EqualTo(Product));
        Assert.That(data["status"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That(data["type"]!.GetValue<string>(), Is.EqualTo("subscription"));
        Assert.That(data["expires_at"]!.GetValue<string>(), Does.StartWith("2099-12-31"));
        Assert.That(data["parallel_uses"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(data["active_activations"]!.GetValueKind(), Is.EqualTo(JsonValueKind.Number));
        LegacyJson.IsNullField(usable, "code");

        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/blocked-product-licenses/{id}", null, HttpStatusCode.OK);
        var blocked = await client.CallAsync("check_license", false, ("license_code", "LB-CHECK-001"));
        Assert.That(blocked["code"]!.GetValue<string>(), Is.EqualTo("LICENSE_BLOCKED"));
        Assert.That(blocked["data"]!["status"]!.GetValue<string>(), Is.EqualTo("blocked"));

        var unknown = await client.CallAsync("check_license", false, ("license_code", "NOPE-NOPE"));
        Assert.That(unknown["code"]!.GetValue<string>(), Is.EqualTo("LICENSE_NOT_FOUND"));
    }

    [TestCase("LB-URL", "not a url")]
    [TestCase("LB-URL", "ftp://shop.example/")]
    [TestCase("LB-IP", "localhost")]
    [TestCase("LB-IP", "300.1.2.3")]
    public async Task Malformed_context_headers_are_403_naming_the_header(string header, string value)
    {
        await LicenseAsync("LB-HEADER-01");
        using var client = new LicenseBoxClient(Server).With(header, value);
        var (status, json) = await client.PostAsync("activate_license", $$"""{"product_id":"{{Product}}","license_code":"LB-HEADER-01","client_name":"x","verify_type":"envato"}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
        JsonAssert.IsBoolean(json["status"], false, "status");
        Assert.That(json["message"]!.GetValue<string>(), Does.Contain(header));
    }

    [Test]
    public async Task Missing_or_unknown_api_keys_are_401()
    {
        using var missing = new LicenseBoxClient(Server).With("LB-API-KEY", null);
        var (status, json) = await missing.PostAsync("check_connection_ext", "[]");
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        JsonAssert.IsBoolean(json["status"], false, "status");

        using var unknown = new LicenseBoxClient(Server, apiKey: "kb_not_a_real_key_0000000000000000");
        (status, _) = await unknown.PostAsync("activate_license", "[]");
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Internal_keys_may_call_the_legacy_routes_too()
    {
        using var client = new LicenseBoxClient(Server, apiKey: KeyBoxFactory.InternalKey);
        await client.CallAsync("check_connection_ext", true);
    }

    [Test]
    public async Task X_API_headers_work_on_the_legacy_routes_and_name_the_same_place()
    {
        await LicenseAsync("LB-MODERN-01", new { parallel_uses = 1 });
        using var modern = new LicenseBoxClient(Server, "https://shop.example/index.php", modernHeaders: true);
        using var legacy = new LicenseBoxClient(Server, "https://shop.example/admin/update.php");

        var token = (await modern.ActivateAsync("LB-MODERN-01"))["lic_response"]!.GetValue<string>();
        await legacy.VerifyCodeAsync("LB-MODERN-01");
        await legacy.VerifyFileAsync(token);
        var again = await legacy.ActivateAsync("LB-MODERN-01");
        Assert.That(again["lic_response"]!.GetValue<string>(), Is.Not.Empty, "the same site refreshes its seat rather than taking another");

        using var badModern = new LicenseBoxClient(Server, modernHeaders: true).With("X-API-IP", "not-an-ip");
        var (status, _) = await badModern.PostAsync("verify_license", $$"""{"product_id":"{{Product}}","license_file":"{{token}}","license_code":null,"client_name":null}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Unknown_legacy_routes_are_404_in_the_legacy_envelope()
    {
        using var client = new LicenseBoxClient(Server);
        var (status, json) = await client.PostAsync("no_such_route", "[]");
        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
        JsonAssert.IsBoolean(json["status"], false, "status");
    }
}
