using System.Net;
using KeyBox.Application.Licenses.Commands.ActivateForCustomer;
using KeyBox.WebApi.IntegrationTests.Accounts;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Licenses;

/// <summary><c>POST /api/internal/product-licenses/{id}/activations</c>: an activation an admin makes for a customer.</summary>
public sealed class ActivateForCustomerTests : AccountsTest
{
    [Test]
    public async Task An_admin_made_activation_is_201_takes_a_seat_and_is_listed()
    {
        await CreateProductAsync("P");
        var license = await CreateLicenseAsync("P", new { parallel_uses = 2 });
        var id = license["id"]!.GetValue<string>();

        var json = await SendAsync(Internal, HttpMethod.Post, $"/api/internal/product-licenses/{id}/activations",
            new { url = "https://shop.example.com/store", ip = "203.0.113.7", machine_id = "MACHINE-1", client_name = "Front desk" }, HttpStatusCode.Created);

        JsonAssert.IsBoolean(json["status"], true, "status");
        var data = json["data"]!;
        Assert.That(data["license_id"]!.GetValue<string>(), Is.EqualTo(id));
        Assert.That(data["domain"]!.GetValue<string>(), Is.EqualTo("shop.example.com"));
        Assert.That(data["ip"]!.GetValue<string>(), Is.EqualTo("203.0.113.7"));
        Assert.That(data["machine_id"]!.GetValue<string>(), Is.EqualTo("MACHINE-1"));
        Assert.That(data["client_name"]!.GetValue<string>(), Is.EqualTo("Front desk"));
        JsonAssert.IsBoolean(data["is_active"], true, "is_active");

        var after = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{id}", null, HttpStatusCode.OK);
        Assert.That(after["data"]!["active_activations"]!.GetValue<int>(), Is.EqualTo(1), "one seat taken");
        var listed = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{id}/activations", null, HttpStatusCode.OK);
        Assert.That(listed["data"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()), Is.EqualTo(new[] { data["id"]!.GetValue<string>() }));

        // The same place again refreshes its seat; an empty body is a place too (no domain, no machine).
        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/product-licenses/{id}/activations",
            new { url = "https://shop.example.com/", machine_id = "MACHINE-1" }, HttpStatusCode.Created);
        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/product-licenses/{id}/activations", new { }, HttpStatusCode.Created);
        after = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{id}", null, HttpStatusCode.OK);
        Assert.That(after["data"]!["active_activations"]!.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public async Task Beyond_the_seat_limit_it_is_refused_in_the_internal_envelope_and_nothing_changes()
    {
        await CreateProductAsync("P");
        var id = (await CreateLicenseAsync("P", new { parallel_uses = 1 }))["id"]!.GetValue<string>();
        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/product-licenses/{id}/activations", new { machine_id = "M1" }, HttpStatusCode.Created);

        var refused = await SendAsync(Internal, HttpMethod.Post, $"/api/internal/product-licenses/{id}/activations", new { machine_id = "M2" }, HttpStatusCode.Forbidden);
        JsonAssert.IsBoolean(refused["status"], false, "status");
        Assert.That(refused["message"]!.GetValue<string>(), Does.Contain("limit"));

        var after = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{id}", null, HttpStatusCode.OK);
        Assert.That(after["data"]!["active_activations"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task The_license_rules_apply_to_the_place_given()
    {
        await CreateProductAsync("P");
        var id = (await CreateLicenseAsync("P", new { domains = new[] { "example.com" } }))["id"]!.GetValue<string>();
        var refused = await SendAsync(Internal, HttpMethod.Post, $"/api/internal/product-licenses/{id}/activations",
            new { url = "https://elsewhere.test" }, HttpStatusCode.Forbidden);
        Assert.That(refused["message"]!.GetValue<string>(), Does.Contain("domain"));
        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/product-licenses/{id}/activations", new { url = "https://example.com" }, HttpStatusCode.Created);

        var blocked = (await CreateLicenseAsync("P"))["id"]!.GetValue<string>();
        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/blocked-product-licenses/{blocked}", null, HttpStatusCode.OK);
        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/product-licenses/{blocked}/activations", new { }, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Another_owners_license_is_not_found_and_an_unknown_one_neither()
    {
        using var alice = await DeveloperClientAsync("alice@example.com");
        using var bob = await DeveloperClientAsync("bob@example.com");
        await SendAsync(alice, HttpMethod.Post, "/api/internal/products", new { name = "Alice's", reference_id = "ALICE-1" }, HttpStatusCode.Created);
        var created = await SendAsync(alice, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = "ALICE-1" }, HttpStatusCode.Created);
        var id = created["data"]!["id"]!.GetValue<string>();

        var hidden = await SendAsync(bob, HttpMethod.Post, $"/api/internal/product-licenses/{id}/activations", new { machine_id = "BOB" }, HttpStatusCode.NotFound);
        JsonAssert.IsBoolean(hidden["status"], false, "status");
        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/product-licenses/{Guid.NewGuid()}/activations", new { }, HttpStatusCode.NotFound);

        var after = await SendAsync(alice, HttpMethod.Get, $"/api/internal/product-licenses/{id}", null, HttpStatusCode.OK);
        Assert.That(after["data"]!["active_activations"]!.GetValue<int>(), Is.EqualTo(0), "Bob took no seat");
        await SendAsync(alice, HttpMethod.Post, $"/api/internal/product-licenses/{id}/activations", new { machine_id = "ALICE" }, HttpStatusCode.Created);
    }

    [TestCase("not a url", null, "url")]
    [TestCase("ftp://example.com", null, "url")]
    [TestCase("/relative/path", null, "url")]
    [TestCase(null, "999.1.1.1", "ip")]
    [TestCase(null, "not-an-ip", "ip")]
    public async Task A_bad_url_or_ip_is_422_naming_the_field(string? url, string? ip, string field)
    {
        await CreateProductAsync("P");
        var id = (await CreateLicenseAsync("P"))["id"]!.GetValue<string>();
        var json = await SendAsync(Internal, HttpMethod.Post, $"/api/internal/product-licenses/{id}/activations", new { url, ip }, HttpStatusCode.UnprocessableEntity);
        JsonAssert.IsBoolean(json["status"], false, "status");
        var expected = field == "url" ? ActivateForCustomerCommandValidator.UrlMessage : ActivateForCustomerCommandValidator.IpMessage;
        Assert.That(json["errors"]![field]![0]!.GetValue<string>(), Is.EqualTo(expected));

        var after = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{id}", null, HttpStatusCode.OK);
        Assert.That(after["data"]!["active_activations"]!.GetValue<int>(), Is.EqualTo(0));
    }
}
