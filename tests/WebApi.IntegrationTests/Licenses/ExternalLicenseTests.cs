using System.Net;
using System.Text.Json;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Licenses;

public sealed class ExternalLicenseTests : IntegrationTest
{
    private const string Shop = "https://shop.example.com/install/index.php";

    [Test]
    public async Task Activate_verify_deactivate_journey_with_contract_shapes()
    {
        await CreateProductAsync("PROD-001");
        var license = await CreateLicenseAsync("PROD-001", new { license_code = "LIC-ABC-123", parallel_uses = 1 });
        using var client = ClientAt(Shop, "192.168.1.100");

        var activated = await SendAsync(client, HttpMethod.Post, "/api/external/license/activate",
            new { product_id = "PROD-001", license_code = "LIC-ABC-123", client_name = "Customer", verify_type = "non_envato" }, HttpStatusCode.OK);
        JsonAssert.IsBoolean(activated["is_active"], true, "is_active");
        Assert.That(activated["message"]!.GetValue<string>(), Is.EqualTo("Activated."));
        var token = activated["lic_response"]!.GetValue<string>();
        Assert.That(activated["data"]!["license_data"]!.GetValue<string>(), Is.EqualTo(token), "the same token twice");
        Assert.That(token, Does.Match("^[A-Za-z0-9_-]+$"), "opaque ASCII without whitespace");

        var verified = await SendAsync(client, HttpMethod.Post, "/api/external/license/verify",
            new { product_id = "PROD-001", license_data = token, client_name = "Customer" }, HttpStatusCode.OK);
        JsonAssert.IsBoolean(verified["is_active"], true, "is_active");
        Assert.That(verified["message"]!.GetValue<string>(), Is.EqualTo("Verified."));
        Assert.That(verified.ContainsKey("data") && verified["data"] is null, Is.True, "data is null");

        var byFile = await SendAsync(client, HttpMethod.Post, "/api/external/license/verify",
            new { product_id = "PROD-001", license_file = token }, HttpStatusCode.OK);
        JsonAssert.IsBoolean(byFile["is_active"], true, "is_active");

        var deactivated = await SendAsync(client, HttpMethod.Post, "/api/external/license/deactivate",
            new { product_id = "PROD-001", license_data = token }, HttpStatusCode.OK);
        JsonAssert.IsBoolean(deactivated["is_active"], true, "is_active");
        Assert.That(deactivated["message"]!.GetValue<string>(), Is.EqualTo("Deactivated."));

        var after = await SendAsync(client, HttpMethod.Post, "/api/external/license/verify",
            new { product_id = "PROD-001", license_data = token }, HttpStatusCode.NotFound);
        JsonAssert.IsBoolean(after["is_active"], false, "is_active");
        Assert.That(after["message"]!.GetValue<string>(), Is.EqualTo("License is invalid or not assigned to you."));
        Assert.That(after["code"]!.GetValue<string>(), Is.EqualTo("ACTIVATION_NOT_FOUND"));

        var internalView = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{license["id"]}", null, HttpStatusCode.OK);
        Assert.That(internalView["data"]!["active_activations"]!.GetValue<int>(), Is.EqualTo(0));
    }

    [Test]
    public async Task Product_id_is_inferred_from_the_license_code_and_numbers_are_accepted()
    {
        await CreateProductAsync("42");
        await CreateLicenseAsync("42", new { license_code = "INFER-0001" });
        using var client = ClientAt(Shop);
        var activated = await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { license_code = "INFER-0001" }, HttpStatusCode.OK);
        JsonAssert.IsBoolean(activated["is_active"], true, "is_active");
        var token = activated["lic_response"]!.GetValue<string>();
        await SendAsync(client, HttpMethod.Post, "/api/external/license/verify", RawJson($"{{\"product_id\":42,\"license_data\":\"{token}\"}}"), HttpStatusCode.OK);
    }

    [Test]
    public async Task Unknown_license_is_404_with_code_and_null_lic_response()
    {
        await CreateProductAsync("P");
        using var client = ClientAt(Shop);
        var json = await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "P", license_code = "NOPE-NOPE" }, HttpStatusCode.NotFound);
        JsonAssert.IsBoolean(json["is_active"], false, "is_active");
        Assert.That(json["code"]!.GetValue<string>(), Is.EqualTo("LICENSE_NOT_FOUND"));
        Assert.That(json.ContainsKey("lic_response") && json["lic_response"] is null, Is.True, "lic_response is null");
        Assert.That(json.ContainsKey("data") && json["data"] is null, Is.True, "data is null");

        var unknownProduct = await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "NOPE", license_code = "NOPE-NOPE" }, HttpStatusCode.NotFound);
        Assert.That(unknownProduct["code"]!.GetValue<string>(), Is.EqualTo("PRODUCT_NOT_FOUND"));
    }

    [Test]
    public async Task License_of_another_product_is_not_found()
    {
        await CreateProductAsync("A");
        await CreateProductAsync("B");
        await CreateLicenseAsync("A", new { license_code = "A-LICENSE" });
        using var client = ClientAt(Shop);
        var json = await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "B", license_code = "A-LICENSE" }, HttpStatusCode.NotFound);
        Assert.That(json["code"]!.GetValue<string>(), Is.EqualTo("LICENSE_NOT_FOUND"));
    }

    [TestCase("blocked", "LICENSE_BLOCKED")]
    [TestCase("invalid", "LICENSE_INVALID")]
    [TestCase("expired", "LICENSE_EXPIRED")]
    [TestCase("product_inactive", "PRODUCT_INACTIVE")]
    public async Task Unusable_license_is_refused_with_its_code(string state, string code)
    {
        await CreateProductAsync("P");
        var license = await CreateLicenseAsync("P", new
        {
            license_code = "STATE-0001",
            is_valid = state != "invalid",
            expires_at = state == "expired" ? "2020-01-01" : null,
        });
        if (state == "blocked")
        {
            await SendAsync(Internal, HttpMethod.Post, $"/api/internal/blocked-product-licenses/{license["id"]}", null, HttpStatusCode.OK);
        }

        if (state == "product_inactive")
        {
            await SendAsync(Internal, HttpMethod.Delete, "/api/internal/activated-products/P", null, HttpStatusCode.OK);
        }

        using var client = ClientAt(Shop);
        var json = await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "P", license_code = "STATE-0001" }, HttpStatusCode.Forbidden);
        JsonAssert.IsBoolean(json["is_active"], false, "is_active");
        Assert.That(json["code"]!.GetValue<string>(), Is.EqualTo(code));
    }

    [Test]
    public async Task Blocking_after_activation_makes_verify_fail_and_unblocking_restores_it()
    {
        await CreateProductAsync("P");
        var license = await CreateLicenseAsync("P", new { license_code = "BLOCK-0001" });
        using var client = ClientAt(Shop);
        var token = (await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "P", license_code = "BLOCK-0001" }, HttpStatusCode.OK))["lic_response"]!.GetValue<string>();

        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/blocked-product-licenses/{license["id"]}", null, HttpStatusCode.OK);
        var refused = await SendAsync(client, HttpMethod.Post, "/api/external/license/verify", new { product_id = "P", license_data = token }, HttpStatusCode.Forbidden);
        Assert.That(refused["code"]!.GetValue<string>(), Is.EqualTo("LICENSE_BLOCKED"));

        await SendAsync(Internal, HttpMethod.Delete, $"/api/internal/blocked-product-licenses/{license["id"]}", null, HttpStatusCode.OK);
        await SendAsync(client, HttpMethod.Post, "/api/external/license/verify", new { product_id = "P", license_data = token }, HttpStatusCode.OK);
    }

    [Test]
    public async Task Seats_are_limited_and_the_same_place_refreshes_its_seat()
    {
        await CreateProductAsync("P");
        await CreateLicenseAsync("P", new { license_code = "SEATS-0002", parallel_uses = 2 });
        using var one = ClientAt("https://one.example");
        using var two = ClientAt("https://two.example");
        using var three = ClientAt("https://three.example");
        var body = new { product_id = "P", license_code = "SEATS-0002" };

        var first = await SendAsync(one, HttpMethod.Post, "/api/external/license/activate", body, HttpStatusCode.OK);
        var again = await SendAsync(one, HttpMethod.Post, "/api/external/license/activate", body, HttpStatusCode.OK);
        Assert.That(again["lic_response"]!.GetValue<string>(), Is.Not.EqualTo(first["lic_response"]!.GetValue<string>()), "a fresh token");
        await SendAsync(one, HttpMethod.Post, "/api/external/license/verify", new { product_id = "P", license_data = first["lic_response"]!.GetValue<string>() }, HttpStatusCode.OK);

        var second = await SendAsync(two, HttpMethod.Post, "/api/external/license/activate", body, HttpStatusCode.OK);
        var refused = await SendAsync(three, HttpMethod.Post, "/api/external/license/activate", body, HttpStatusCode.Forbidden);
        Assert.That(refused["code"]!.GetValue<string>(), Is.EqualTo("ACTIVATION_LIMIT_REACHED"));

        await SendAsync(two, HttpMethod.Post, "/api/external/license/deactivate", new { product_id = "P", license_data = second["lic_response"]!.GetValue<string>() }, HttpStatusCode.OK);
        await SendAsync(three, HttpMethod.Post, "/api/external/license/activate", body, HttpStatusCode.OK);
    }

    [Test]
    public async Task Machine_ids_distinguish_places_on_one_domain()
    {
        await CreateProductAsync("P");
        await CreateLicenseAsync("P", new { license_code = "MACHINE-01", parallel_uses = 1 });
        using var client = ClientAt(Shop);
        await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "P", license_code = "MACHINE-01", machine_id = "m-1", instance_id = "i-1" }, HttpStatusCode.OK);
        await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "P", license_code = "MACHINE-01", machine_id = "m-1", instance_id = "i-1" }, HttpStatusCode.OK);
        var json = await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "P", license_code = "MACHINE-01", machine_id = "m-2" }, HttpStatusCode.Forbidden);
        Assert.That(json["code"]!.GetValue<string>(), Is.EqualTo("ACTIVATION_LIMIT_REACHED"));
    }

    [Test]
    public async Task A_machine_activation_stays_with_its_instance_and_is_not_reached_without_its_machine_id()
    {
        await CreateProductAsync("P");
        await CreateLicenseAsync("P", new { license_code = "MACHINE-02", parallel_uses = 1 });
        using var client = ClientAt(Shop);
        await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "P", license_code = "MACHINE-02", machine_id = "m-1", instance_id = "i-1" }, HttpStatusCode.OK);

        var otherInstance = await SendAsync(client, HttpMethod.Post, "/api/external/license/activate",
            new { product_id = "P", license_code = "MACHINE-02", machine_id = "m-1", instance_id = "i-2" }, HttpStatusCode.Forbidden);
        var noMachine = await SendAsync(client, HttpMethod.Post, "/api/external/license/activate",
            new { product_id = "P", license_code = "MACHINE-02" }, HttpStatusCode.Forbidden);

        Assert.That(otherInstance["code"]!.GetValue<string>(), Is.EqualTo("INSTANCE_MISMATCH"));
        JsonAssert.IsBoolean(otherInstance["is_active"], false, "is_active");
        Assert.That(noMachine["code"]!.GetValue<string>(), Is.EqualTo("ACTIVATION_LIMIT_REACHED"), "the same domain without the machine is another place: no token for the machine's seat");
        Assert.That(noMachine.ToJsonString(), Does.Not.Contain("lic_response\":\"").And.Not.Contain("m-1"));
    }

    [TestCase("https://example.com", true)]
    [TestCase("https://shop.example.com/path", true)]
    [TestCase("https://a.b.example.com", true)]
    [TestCase("https://other.com", false)]
    [TestCase("https://notexample.com", false)]
    public async Task Domain_allow_list_is_checked_against_the_host_of_X_API_URL(string url, bool allowed)
    {
        await CreateProductAsync("P");
        await CreateLicenseAsync("P", new { license_code = "DOMAIN-001", parallel_uses = 5, domains = new[] { "example.com", "*.example.com" } });
        using var client = ClientAt(url);
        var json = await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "P", license_code = "DOMAIN-001" },
            allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
        if (!allowed)
        {
            Assert.That(json["code"]!.GetValue<string>(), Is.EqualTo("DOMAIN_NOT_ALLOWED"));
        }
    }

    [TestCase("10.1.2.3", true)]
    [TestCase("192.168.1.100", true)]
    [TestCase("2001:db8::5", true)]
    [TestCase("192.168.1.101", false)]
    [TestCase("11.0.0.1", false)]
    public async Task Ip_allow_list_accepts_exact_addresses_and_cidr_ranges(string ip, bool allowed)
    {
        await CreateProductAsync("P");
        await CreateLicenseAsync("P", new { license_code = "IPLIST-001", parallel_uses = 5, ips = new[] { "10.0.0.0/8", "192.168.1.100", "2001:db8::/32" } });
        using var client = ClientAt(Shop, ip);
        var json = await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "P", license_code = "IPLIST-001" },
            allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
        if (!allowed)
        {
            Assert.That(json["code"]!.GetValue<string>(), Is.EqualTo("IP_NOT_ALLOWED"));
        }
    }

    [TestCase("X-API-URL", "not a url")]
    [TestCase("X-API-URL", "ftp://example.com")]
    [TestCase("LB-URL", "/relative")]
    [TestCase("X-API-IP", "300.1.1.1")]
    [TestCase("LB-IP", "localhost")]
    public async Task Malformed_context_headers_are_403_naming_the_header(string header, string value)
    {
        await CreateProductAsync("P");
        await CreateLicenseAsync("P", new { license_code = "HEADER-001" });
        using var client = Server.CreateClientWithKey(KeyBoxFactory.ExternalKey);
        client.DefaultRequestHeaders.TryAddWithoutValidation(header, value);
        var json = await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "P", license_code = "HEADER-001" }, HttpStatusCode.Forbidden);
        Assert.That(json["message"]!.GetValue<string>(), Does.Contain(header.StartsWith("LB", StringComparison.Ordinal) ? header : header));
    }

    [Test]
    public async Task A_token_presented_from_another_site_is_refused()
    {
        await CreateProductAsync("P");
        await CreateLicenseAsync("P", new { license_code = "BOUND-0001" });
        using var owner = ClientAt("https://owner.example");
        using var thief = ClientAt("https://thief.example");
        var token = (await SendAsync(owner, HttpMethod.Post, "/api/external/license/activate", new { product_id = "P", license_code = "BOUND-0001" }, HttpStatusCode.OK))["lic_response"]!.GetValue<string>();
        var json = await SendAsync(thief, HttpMethod.Post, "/api/external/license/verify", new { product_id = "P", license_data = token }, HttpStatusCode.Forbidden);
        Assert.That(json["code"]!.GetValue<string>(), Is.EqualTo("LICENSE_DATA_INVALID"));
    }

    [Test]
    public async Task A_token_of_a_site_presented_without_X_API_URL_is_refused()
    {
        await CreateProductAsync("P");
        var license = await CreateLicenseAsync("P", new { license_code = "BOUND-0003" });
        using var owner = ClientAt("https://owner.example");
        using var noUrl = Server.CreateClientWithKey(KeyBoxFactory.ExternalKey);
        var token = (await SendAsync(owner, HttpMethod.Post, "/api/external/license/activate", new { product_id = "P", license_code = "BOUND-0003" }, HttpStatusCode.OK))["lic_response"]!.GetValue<string>();

        var verify = await SendAsync(noUrl, HttpMethod.Post, "/api/external/license/verify", new { product_id = "P", license_data = token }, HttpStatusCode.Forbidden);
        var deactivate = await SendAsync(noUrl, HttpMethod.Post, "/api/external/license/deactivate", new { product_id = "P", license_data = token }, HttpStatusCode.Forbidden);

        Assert.That(verify["code"]!.GetValue<string>(), Is.EqualTo("LICENSE_DATA_INVALID"));
        JsonAssert.IsBoolean(verify["is_active"], false, "is_active");
        Assert.That(deactivate["code"]!.GetValue<string>(), Is.EqualTo("LICENSE_DATA_INVALID"));
        var stillHeld = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{license["id"]}", null, HttpStatusCode.OK);
        Assert.That(stillHeld["data"]!["active_activations"]!.GetValue<int>(), Is.EqualTo(1), "a refused deactivation frees no seat");
        await SendAsync(owner, HttpMethod.Post, "/api/external/license/verify", new { product_id = "P", license_data = token }, HttpStatusCode.OK);
    }

    [Test]
    public async Task A_token_of_an_activation_made_without_a_URL_verifies_without_one()
    {
        await CreateProductAsync("P");
        await CreateLicenseAsync("P", new { license_code = "UNBOUND-01" });
        using var noUrl = Server.CreateClientWithKey(KeyBoxFactory.ExternalKey);
        var token = (await SendAsync(noUrl, HttpMethod.Post, "/api/external/license/activate", new { product_id = "P", license_code = "UNBOUND-01" }, HttpStatusCode.OK))["lic_response"]!.GetValue<string>();

        var verified = await SendAsync(noUrl, HttpMethod.Post, "/api/external/license/verify", new { product_id = "P", license_data = token }, HttpStatusCode.OK);

        JsonAssert.IsBoolean(verified["is_active"], true, "is_active");
    }

    [Test]
    public async Task Deactivation_by_token_refuses_another_site_another_product_a_forged_token_and_a_second_time()
    {
        await CreateProductAsync("P");
        await CreateProductAsync("Q");
        var license = await CreateLicenseAsync("P", new { license_code = "BOUND-0002" });
        using var owner = ClientAt("https://owner.example");
        using var thief = ClientAt("https://thief.example");
        var token = (await SendAsync(owner, HttpMethod.Post, "/api/external/license/activate", new { product_id = "P", license_code = "BOUND-0002" }, HttpStatusCode.OK))["lic_response"]!.GetValue<string>();

        var otherSite = await SendAsync(thief, HttpMethod.Post, "/api/external/license/deactivate", new { product_id = "P", license_data = token }, HttpStatusCode.Forbidden);
        Assert.That(otherSite["code"]!.GetValue<string>(), Is.EqualTo("LICENSE_DATA_INVALID"));
        var otherProduct = await SendAsync(owner, HttpMethod.Post, "/api/external/license/deactivate", new { product_id = "Q", license_data = token }, HttpStatusCode.Forbidden);
        Assert.That(otherProduct["code"]!.GetValue<string>(), Is.EqualTo("LICENSE_DATA_INVALID"));
        var forged = await SendAsync(owner, HttpMethod.Post, "/api/external/license/deactivate", new { product_id = "P", license_data = token[..^4] + "AAAA" }, HttpStatusCode.Forbidden);
        Assert.That(forged["code"]!.GetValue<string>(), Is.EqualTo("LICENSE_DATA_INVALID"));
        var stillHeld = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{license["id"]}", null, HttpStatusCode.OK);
        Assert.That(stillHeld["data"]!["active_activations"]!.GetValue<int>(), Is.EqualTo(1), "a refused deactivation frees no seat");

        await SendAsync(owner, HttpMethod.Post, "/api/external/license/deactivate", new { product_id = "P", license_data = token }, HttpStatusCode.OK);
        var again = await SendAsync(owner, HttpMethod.Post, "/api/external/license/deactivate", new { license_data = token }, HttpStatusCode.NotFound);
        Assert.That(again["code"]!.GetValue<string>(), Is.EqualTo("ACTIVATION_NOT_FOUND"));
        var freed = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{license["id"]}", null, HttpStatusCode.OK);
        Assert.That(freed["data"]!["active_activations"]!.GetValue<int>(), Is.EqualTo(0));
    }

    [Test]
    public async Task Missing_license_data_is_422()
    {
        await CreateProductAsync("P");
        using var client = ClientAt(Shop);
        var json = await SendAsync(client, HttpMethod.Post, "/api/external/license/verify", new { product_id = "P" }, HttpStatusCode.UnprocessableEntity);
        JsonAssert.IsBoolean(json["status"], false, "status");
        JsonAssert.IsBoolean(json["is_active"], false, "is_active");
        Assert.That(json["errors"]!.AsObject().Select(e => e.Key), Does.Contain("license_data"));
    }

    [Test]
    public async Task Check_reports_the_state_without_activating()
    {
        await CreateProductAsync("P");
        await CreateLicenseAsync("P", new { license_code = "CHECK-0001", parallel_uses = 3, type = "subscription", expires_at = "2099-12-31", updates_until = "2099-06-30" });
        using var client = ClientAt(Shop);
        var json = await SendAsync(client, HttpMethod.Post, "/api/external/license/check", new { license_code = "CHECK-0001" }, HttpStatusCode.OK);
        JsonAssert.IsBoolean(json["is_active"], true, "is_active");
        var data = json["data"]!.AsObject();
        Assert.That(data["license_code"]!.GetValue<string>(), Is.EqualTo("CHECK-0001"));
        Assert.That(data["product_id"]!.GetValue<string>(), Is.EqualTo("P"));
        Assert.That(data["status"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That(data["type"]!.GetValue<string>(), Is.EqualTo("subscription"));
        Assert.That(data["expires_at"]!.GetValue<string>(), Does.StartWith("2099-12-31"));
        Assert.That(data["parallel_uses"]!.GetValueKind(), Is.EqualTo(JsonValueKind.Number));
        Assert.That(data["active_activations"]!.GetValue<int>(), Is.EqualTo(0));

        await SendAsync(Internal, HttpMethod.Put, $"/api/internal/product-licenses/{(await SendAsync(Internal, HttpMethod.Get, "/api/internal/product-licenses?search=CHECK", null, HttpStatusCode.OK))["data"]![0]!["id"]}",
            new { is_valid = false }, HttpStatusCode.OK);
        var invalid = await SendAsync(client, HttpMethod.Post, "/api/external/license/check", new { license_code = "CHECK-0001" }, HttpStatusCode.OK);
        JsonAssert.IsBoolean(invalid["is_active"], false, "is_active");
        Assert.That(invalid["data"]!["status"]!.GetValue<string>(), Is.EqualTo("invalid"));
    }

    [Test]
    public async Task Duration_license_expiry_starts_at_first_activation_and_never_moves()
    {
        await CreateProductAsync("P");
        var license = await CreateLicenseAsync("P", new { license_code = "DURATION-1", duration_months = 1, parallel_uses = 2 });
        Assert.That(license["status"]!.GetValue<string>(), Is.EqualTo("pending"));
        Assert.That(license["expires_at"], Is.Null);

        using var client = ClientAt("https://one.example");
        await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { license_code = "DURATION-1" }, HttpStatusCode.OK);
        var after = (await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{license["id"]}", null, HttpStatusCode.OK))["data"]!;
        var expiresAt = after["expires_at"]!.GetValue<DateTimeOffset>();
        Assert.That(after["status"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That(expiresAt, Is.EqualTo(DateTimeOffset.UtcNow.AddMonths(1)).Within(TimeSpan.FromMinutes(1)));

        Server.Clock.Advance(TimeSpan.FromDays(10));
        using var other = ClientAt("https://two.example");
        await SendAsync(other, HttpMethod.Post, "/api/external/license/activate", new { license_code = "DURATION-1" }, HttpStatusCode.OK);
        var later = (await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{license["id"]}", null, HttpStatusCode.OK))["data"]!;
        Assert.That(later["expires_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(expiresAt), "the expiry never moves");

        Server.Clock.Advance(TimeSpan.FromDays(40));
        var expired = await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { license_code = "DURATION-1" }, HttpStatusCode.Forbidden);
        Assert.That(expired["code"]!.GetValue<string>(), Is.EqualTo("LICENSE_EXPIRED"));
    }
}
