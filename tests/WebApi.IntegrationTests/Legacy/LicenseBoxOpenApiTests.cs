using System.Net;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Legacy;

public sealed class LicenseBoxOpenApiTests : IntegrationTest
{
    [Test]
    public async Task The_legacy_routes_are_documented_with_their_bodies_and_the_api_key()
    {
        using var response = await Anonymous.GetAsync("/swagger/v1/swagger.json");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var text = await response.Content.ReadAsStringAsync();
        var paths = JsonNode.Parse(text)!["paths"]!.AsObject();

        var activate = paths["/api/activate_license"]!["post"]!.AsObject();
        Assert.That(activate["operationId"]!.GetValue<string>(), Is.EqualTo("Legacy_ActivateLicense"));
        Assert.That(activate["security"]!.ToJsonString(), Does.Contain("ApiKey"));
        Assert.That(activate["requestBody"]!.ToJsonString(), Does.Contain("LegacyActivateRequest"));

        var size = paths["/api/get_update_size/{type}/{update_id}"]!.AsObject();
        Assert.That(size.Select(p => p.Key), Is.SupersetOf(new[] { "head", "get" }));

        var download = paths["/api/download_update/{type}/{update_id}"]!["post"]!.AsObject();
        Assert.That(download["responses"]!.AsObject().Select(r => r.Key), Is.SupersetOf(new[] { "200", "401", "404" }));
        var form = download["requestBody"]!["content"]!["multipart/form-data"]!["schema"]!["properties"]!.AsObject();
        Assert.That(form.Select(p => p.Key), Is.EquivalentTo(new[] { "license_file", "license_code", "client_name", "product_id" }));

        foreach (var route in new[] { "check_connection_ext", "latest_version", "verify_license", "deactivate_license", "check_license", "check_update" })
        {
            Assert.That(paths[$"/api/{route}"]?["post"], Is.Not.Null, route);
        }
    }
}
