using System.Net;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Licenses;

/// <summary>The license listing's status filter (the console's, also <c>status=</c> on the internal list): the status rule written as SQL.</summary>
public sealed class LicenseStatusFilterTests : IntegrationTest
{
    [Test]
    public async Task Each_status_lists_exactly_its_licenses_in_lists_and_searches()
    {
        await CreateProductAsync("P");
        await CreateLicenseAsync("P", new { license_code = "ST-ACTIVE" });
        await CreateLicenseAsync("P", new { license_code = "ST-FUTURE", expires_at = "2099-01-01" });
        await CreateLicenseAsync("P", new { license_code = "ST-EXPIRED", expires_at = "2001-01-01" });
        await CreateLicenseAsync("P", new { license_code = "ST-INVALID", is_valid = false });
        await CreateLicenseAsync("P", new { license_code = "ST-PENDING", duration_months = 3 });
        var started = await CreateLicenseAsync("P", new { license_code = "ST-STARTED", duration_months = 3 });
        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/product-licenses/{started["id"]}/activations", new { }, HttpStatusCode.Created);
        var blocked = await CreateLicenseAsync("P", new { license_code = "ST-BLOCKED", is_valid = false, expires_at = "2001-01-01" });
        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/blocked-product-licenses/{blocked["id"]}", null, HttpStatusCode.OK);

        var expected = new Dictionary<string, string[]>
        {
            ["active"] = ["ST-ACTIVE", "ST-FUTURE", "ST-STARTED"],
            ["expired"] = ["ST-EXPIRED"],
            ["invalid"] = ["ST-INVALID"],
            ["pending"] = ["ST-PENDING"],
            ["blocked"] = ["ST-BLOCKED"],
        };
        foreach (var (status, codes) in expected)
        {
            foreach (var query in new[] { $"status={status}", $"status={status.ToUpperInvariant()}&search=ST-" })
            {
                var json = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses?per_page=100&{query}", null, HttpStatusCode.OK);
                var listed = json["data"]!.AsArray().Select(l => l!["license_code"]!.GetValue<string>()).ToList();
                Assert.That(listed, Is.EquivalentTo(codes), query);
                Assert.That(json["data"]!.AsArray().Select(l => l!["status"]!.GetValue<string>()), Is.All.EqualTo(status), query);
            }
        }

        var bad = await SendAsync(Internal, HttpMethod.Get, "/api/internal/product-licenses?status=gone", null, HttpStatusCode.UnprocessableEntity);
        Assert.That(bad["errors"]!["status"], Is.Not.Null);
    }
}
